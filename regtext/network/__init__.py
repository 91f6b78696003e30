"""Stage 3, the network: the obligation graph, statute links and the researchers' queries.

Example:
    >>> from regtext.network import builder
    >>> callable(builder.to_graphml)
    True
"""

from .builder import EDGE_KINDS, counts, neighbourhood, plot, to_frames, to_graphml, to_json, write

__all__ = ["EDGE_KINDS", "counts", "neighbourhood", "plot", "to_frames", "to_graphml", "to_json",
           "write"]
