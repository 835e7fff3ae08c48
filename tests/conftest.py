# The shared fixtures of src/congdoan/conftest.py, for the tests outside the package.
from congdoan.conftest import (  # noqa: F401
    dong_anh_admin,
    empty_cache,
    long_bien_admin,
    make_user,
    restore_language,
    superuser,
    tree,
)
