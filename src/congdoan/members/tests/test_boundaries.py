"""members leans on org only through org's public names: a change inside org cannot break
members silently."""

import ast
from pathlib import Path

import congdoan.members

APP = Path(congdoan.members.__file__).parent


def test_members_imports_no_private_name_of_org():
    offenders = []
    for path in sorted(APP.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("congdoan.org"):
                offenders += [
                    f"{path.relative_to(APP)}:{node.lineno} {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_")
                ]
    assert offenders == []
