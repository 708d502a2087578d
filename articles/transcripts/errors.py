"""What is wrong with a transcript, each problem at its line in the file when it has one."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_SHOWN = 100  # problems listed at once; a file of many mistakes usually has one cause


@dataclass(frozen=True)
class Problem:
    line: int | None  # 1-based line of the file; None for the file as a whole or the page
    message: str

    def __str__(self):
        if self.line is None:
            return self.message
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class TranscriptError(Exception):
    """A transcript that cannot be imported; nothing has been saved. `extend_to`: when turns
    run past the end of the segment, how long the segment would have to last (seconds)."""

    extend_to = None

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @classmethod
    def at(cls, line, message):
        return cls([Problem(line, str(message))])


def capped(problems):
    """`problems`, at most MAX_SHOWN of them, then one telling how many more there are."""
    problems = list(problems)
    if len(problems) <= MAX_SHOWN:
        return problems
    more = len(problems) - MAX_SHOWN
    return [
        *problems[:MAX_SHOWN],
        Problem(
            None,
            ngettext(
                "…and %(count)s more problem, not shown: fix these, then import again.",
                "…and %(count)s more problems, not shown: fix these, then import again.",
                more,
            )
            % {"count": more},
        ),
    ]
