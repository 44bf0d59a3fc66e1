"""Quote and source-attribution database: articles in, who said what out."""

from .rules import COMPILED

__version__ = "0.1.0"
__all__ = ["COMPILED", "__version__"]
