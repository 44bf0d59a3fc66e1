"""Quote and source-attribution database: articles in, who said what out."""

from .native import use_compiled

__version__ = "0.1.0"
# The extractor's modules compiled with mypyc, when `make setup` built them from this source.
COMPILED = use_compiled(__path__)
