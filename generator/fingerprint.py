"""A hash of values' whole state, for keys of what a rebuild may take from the last one (issue 15). No MkDocs here."""

from __future__ import annotations

import hashlib
import pickle
from typing import Any


def fingerprint(*values: Any) -> str | None:
    """A hash of the values' whole state (pickled, private attributes included), or None if one cannot be pickled.

    Equal pickles mean equal state; unequal pickles of equal values only cost a regeneration.
    """
    hashed = hashlib.blake2b(digest_size=20)
    for value in values:
        try:
            data = pickle.dumps(value, protocol=5)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return None
        hashed.update(len(data).to_bytes(8, "little"))
        hashed.update(data)
    return hashed.hexdigest()
