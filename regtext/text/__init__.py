"""Stage 1, text → tree: the document model, normalisation, numerals and the parser."""
