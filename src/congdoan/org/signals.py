from django.dispatch import Signal

# Sent with `user` after one of the user's unit roles was granted or revoked, so apps that map
# roles onto their own permissions (news sections) can follow.
unit_roles_changed = Signal()
