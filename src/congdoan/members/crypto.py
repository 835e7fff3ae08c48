"""The citizen identity number (CCCD) at rest: encrypted, and found again by a blind index.

The number is stored encrypted with Fernet, so a stolen database or backup does not give it
away; a keyed HMAC of the normalised number (the blind index) finds duplicates and exact
look-ups without decrypting every row. Both keys come from `CONGDOAN_MEMBERS_KEY` when set,
else they are derived from SECRET_KEY by HKDF: changing SECRET_KEY without setting
CONGDOAN_MEMBERS_KEY to the old derivation makes every stored number unreadable, which is why
production should set CONGDOAN_MEMBERS_KEY (a setting or an environment variable) and keep it
with the backups.
"""

import base64
import hashlib
import hmac
import os
import re
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

CCCD_PATTERN = re.compile(r"[0-9]{12}")


def _master():
    # The environment works too, so an operator can set the key without a settings change.
    explicit = getattr(settings, "CONGDOAN_MEMBERS_KEY", None) or os.environ.get(
        "CONGDOAN_MEMBERS_KEY"
    )
    if explicit:
        return explicit.encode() if isinstance(explicit, str) else bytes(explicit)
    return settings.SECRET_KEY.encode()


def _derive(master, purpose):
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"congdoan.members", info=purpose
    ).derive(master)


@lru_cache(maxsize=4)
def _keys(master):
    fernet = Fernet(base64.urlsafe_b64encode(_derive(master, b"cccd encryption")))
    return fernet, _derive(master, b"cccd blind index")


def normalise_cccd(text):
    """Digits only: '001 090 012 345' and '001090012345' are the same number."""
    return re.sub(r"[\s.\-]", "", str(text or "")).strip()


def is_valid_cccd(text):
    return bool(CCCD_PATTERN.fullmatch(normalise_cccd(text)))


def encrypt_cccd(number):
    if not number:
        return ""
    fernet, _ = _keys(_master())
    return fernet.encrypt(normalise_cccd(number).encode()).decode()


def decrypt_cccd(token):
    """The number, or '' when there is none or the key no longer opens it."""
    if not token:
        return ""
    fernet, _ = _keys(_master())
    try:
        return fernet.decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


def blind_index(number):
    if not number:
        return ""
    _, key = _keys(_master())
    return hmac.new(key, normalise_cccd(number).encode(), hashlib.sha256).hexdigest()


def mask_cccd(number):
    """'001090012345' -> '*********345': enough to tell two records apart, not to use."""
    if not number:
        return ""
    return "*" * (len(number) - 3) + number[-3:]
