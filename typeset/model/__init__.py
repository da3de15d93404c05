"""The model stage: a brief-shaped tree, validated, with inline markup parsed and notes numbered.

Reading files is the readers' job (`typeset.readers`); the model never imports them.
"""
from typeset.model.document import Brief, brief_from_dict, brief_from_tree
from typeset.model.limits import DEFAULT_LIMITS, Limits
from typeset.model.markup import Diagnostic, NoteMark, Parsed, parse_inline

__all__ = ["DEFAULT_LIMITS", "Brief", "Diagnostic", "Limits", "NoteMark", "Parsed", "brief_from_dict",
           "brief_from_tree", "parse_inline"]
