"""Stage 2a, comparison: alignment, redlines, change tags and the Comparison with its renderers."""
