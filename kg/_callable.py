"""Keep `kg.build(...)` and `kg.query(...)` callable once their modules are imported.

Importing the submodule ``kg.build`` sets the attribute ``build`` of the package to
the module, hiding the function of the same name that ``kg/__init__.py`` defines.
The two modules therefore make themselves callable: calling the module calls the
package's API function, so ``kg.build(...)`` works whatever was imported before, and
``kg.build.build``, ``import kg.query as q`` work as usual.
"""

from __future__ import annotations

import sys
import types
from typing import Any


def make_callable(module_name: str, api_name: str) -> None:
    """Make the module ``module_name`` call ``kg.<api_name>`` when called."""

    class CallableModule(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            import kg

            function: Any = kg.API[api_name]
            return function(*args, **kwargs)

    sys.modules[module_name].__class__ = CallableModule
