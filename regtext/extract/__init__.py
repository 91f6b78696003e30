"""Stage 2b, extraction: segmentation, citations, norms, the spaCy pipeline, annotation."""
