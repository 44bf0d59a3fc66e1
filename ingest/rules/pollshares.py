"""A share of people given as a source ("67 percent of voters", "About four in 10", "Nearly half",
"a majority of voters looking for an outsider") reports a poll's answers: it is those polled
speaking, one group across articles ("poll respondents"), not a source of its own per wording."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from .words import APPROXIMATORS, FRACTIONS, LEADING_APPROXIMATORS, NUMBERS

POLL_RESPONDENTS: Final = "poll respondents"

# Words before the share that only qualify it: "Just 30 percent", "a full 79 percent", "An average of",
# "the vast majority", "as many as 40 percent".
QUALIFIERS: Final = sorted(
    {*APPROXIMATORS, *LEADING_APPROXIMATORS}
    | set("a an the just only fully another full mere average of as many vast slim narrow growing clear".split())
    | set("large bare overwhelming barely approximately close to".split()),
    key=len,
    reverse=True,
)
COUNTED: Final = rf"(?:[1-9]\d?|{'|'.join(sorted(NUMBERS - {'half'}))})"  # "4", "four"
# A share only a poll gives: a percentage ("46 percent", "Seventy-four percent"), or "N in/of/out of M".
COUNTED_SHARE: Final = (
    r"(?:\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent)|[a-z]+(?:-[a-z]+)?\s+(?:percent|per\s+cent)"
    rf"|{COUNTED}\s+(?:in|of|out\s+of)\s+{COUNTED})\b"
)
# A share in words ("half", "two-thirds", "a majority") is a poll's when it stands alone or is a share
# of people: "Nearly half", "three-quarters of the voters", not "half of the rules committee".
WORDED_SHARE: Final = (
    rf"(?:half|(?:{COUNTED}[-\s])?(?:{'|'.join(word.removesuffix('s') for word in sorted(FRACTIONS - {'halves'}))})s?"
    r"|majority|plurality|proportion|percentage)"
)
# The head of the group shared: a plural noun ending the phrase or followed by what qualifies it
# ("voters looking for an outsider", "Republicans who attended"), not a modifier ("rules committee").
QUALIFYING: Final = r"(?:who|that|in|at|on|for|from|with|across|polled|surveyed|\w+ing)\b"
PEOPLE: Final = rf"(?:\w+s|women|men|people)(?:$|[,;.]|\s+{QUALIFYING})"
POLL_SHARE: Final = re.compile(
    rf"(?:(?:{'|'.join(re.escape(word) for word in QUALIFIERS)})\s+)*"
    rf"(?:{COUNTED_SHARE}(?:\s.*)?|{WORDED_SHARE}(?:\s+(?:of|among)\s+(?:.*\s)?{PEOPLE}.*)?)",
    re.IGNORECASE | re.DOTALL,
)


@lru_cache(maxsize=4096)
def is_poll_share(phrase: str) -> bool:
    """Whether a source phrase is a share of those polled (see the module's docstring)."""
    return POLL_SHARE.fullmatch(phrase.strip()) is not None
