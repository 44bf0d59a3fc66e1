"""Quote and source-attribution database: articles in, who said what out."""

__version__ = "0.1.0"
