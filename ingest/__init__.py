"""Quote and source-attribution database: articles in, who said what out."""

from .native import compiled_records_dir, use_compiled

# The records (models.py) compiled with the rules, when the rules are: found before their source.
use_compiled(__path__, where=compiled_records_dir)
from .rules import COMPILED  # noqa: E402

__version__ = "0.1.0"
__all__ = ["COMPILED", "__version__"]
