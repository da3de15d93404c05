"""Line-breaking settings, with TeX's names and defaults where TeX has one."""

from __future__ import annotations

from dataclasses import dataclass

from typeset.values import Value

INF_PENALTY = 10_000.0  # a penalty >= this forbids a break, <= -this forces one (TeX's \@M)
INF_BAD = 10_000.0  # badness of a line that cannot stretch enough (TeX's inf_bad)


@dataclass(slots=True, eq=False, repr=False)
class BreakParams(Value):
    """Knobs of the Knuth-Plass breaker; penalties and demerits are TeX's units.

    A tolerance of `INF_BAD` (10000) or more accepts any line that is not
    overfull. `emergency_stretch` None means a tenth of the measure.
    """

    tolerance: float = 200.0  # \tolerance: badness limit of pass 2 (with hyphenation)
    pretolerance: float = 100.0  # \pretolerance: badness limit of pass 1; < 0 skips pass 1
    line_penalty: float = 10.0  # \linepenalty: added to each line's badness
    hyphen_penalty: float = 50.0  # \hyphenpenalty: break at a hyphenation point or soft hyphen
    ex_hyphen_penalty: float = 50.0  # \exhyphenpenalty: break after an explicit hyphen or dash
    url_penalty: float = 20.0  # break after / . - _ ? & = inside a URL
    split_penalty: float = 1000.0  # last resort: break inside a word too wide for the line
    double_hyphen_demerits: float = 10_000.0  # \doublehyphendemerits
    final_hyphen_demerits: float = 5_000.0  # \finalhyphendemerits
    adj_demerits: float = 10_000.0  # \adjdemerits: adjacent lines of incompatible fitness
    emergency_stretch: float | None = None  # \emergencystretch, points, used by pass 3
    looseness: int = 0  # \looseness: try for this many more (or fewer) lines
    ragged_stretch_em: float = 3.0  # \rightskip stretch in em when not justified
    ragged_fill: float = 0.025  # ragged lines this close to full (share of the measure) are set full
