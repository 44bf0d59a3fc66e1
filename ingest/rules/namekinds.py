"""What a capitalised name names: a person, an organisation ("FBI", "Human Rights Watch"), a place
standing for its government ("Mexico said"), or a group ("Republicans", "the Khans")."""

from __future__ import annotations

from ..models import SpeakerKind
from . import lexicon


def kind_of_name(run: list[str]) -> SpeakerKind:
    if is_collective(run):
        return "group"
    if is_organization_name(run) or is_place(" ".join(run)):
        return "organization"  # "Mexico said": its government
    return "person"


def is_collective(run: list[str]) -> bool:
    """ "Republicans", "House Democrats", "Americans": a people or a party's members."""
    last = run[-1]
    return last in lexicon.parties() and last.endswith("s") or last.endswith(("icans", "ians", "eans"))


def is_family(names: list[str]) -> bool:
    """ "the Khans", "the Clintons": a family."""
    return len(names) == 1 and names[0].endswith("s") and not names[0].endswith("ss")


def is_organization_name(run: list[str]) -> bool:
    groups = lexicon.group_words()
    # "FBI", "CNN", "NAACP": an acronym (transcript labels such as "TRUMP:" are title-cased first)
    return any(token.strip(".,") in groups for token in run) or (
        len(run) == 1 and run[0].isupper() and run[0].isalpha() and 2 <= len(run[0]) <= 5
    )


def is_place(phrase: str) -> bool:
    words = phrase.replace(",", " ").split()
    places = lexicon.places()
    return bool(words) and (phrase in places or all(w in places or w == "New" for w in words))
