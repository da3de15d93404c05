"""The model stage: a brief's YAML, validated, with inline markup parsed and notes numbered."""
from typeset.model.limits import DEFAULT_LIMITS, Limits
from typeset.model.loader import brief_from_dict, load_brief
from typeset.model.markup import Diagnostic, NoteMark, Parsed, parse_inline

__all__ = ["DEFAULT_LIMITS", "Diagnostic", "Limits", "NoteMark", "Parsed", "brief_from_dict",
           "load_brief", "parse_inline"]
