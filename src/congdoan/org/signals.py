from django.dispatch import Signal

# Sent with `user` after one of the user's unit roles was granted or revoked, so apps that map
# roles onto their own permissions (news sections) can follow.
unit_roles_changed = Signal()

# Sent with `unit` (already in its new place) inside the transaction that moved it with its
# subtree: what other apps keep about the units above each unit (search filters) follows.
unit_moved = Signal()
