"""Log lines about writes, told only once the writes are committed.

Wagtail logs "Page created", "Published" … to the `wagtail` logger as it saves, inside the
import's transaction. When the import is refused, the transaction rolls back and none of that
happened, so those lines are held back and let through only when the transaction commits."""

import logging
import threading
from contextlib import contextmanager

from django.db import transaction


class HoldBack(logging.Filter):
    """Keeps this thread's records out of the logger's handlers, in `held`, in order."""

    def __init__(self):
        super().__init__()
        self.thread = threading.get_ident()
        self.held = []

    def filter(self, record):
        if record.thread != self.thread:
            return True
        self.held.append(record)
        return False


@contextmanager
def logged_on_commit(*names, using=None):
    """Inside a transaction: the records of the loggers `names` made in the block are logged
    when the transaction commits, and dropped when it rolls back."""
    loggers = [logging.getLogger(name) for name in names]
    hold = HoldBack()
    for logger in loggers:
        logger.addFilter(hold)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(hold)
    held = list(hold.held)
    transaction.on_commit(lambda: release(held), using=using)


def release(records):
    for record in records:
        logging.getLogger(record.name).handle(record)
