"""Log records that carry their request's id, and a JSON formatter for production.

`LOG_FORMAT=json` (the production default) writes one JSON object per line, which log
collectors parse without patterns; `plain` is for people reading a terminal. Both show the
request id, which is also the response's `X-Request-ID` header and in gunicorn's access log."""

import json
import logging
from datetime import UTC, datetime

from .request_id import current_request_id

NO_REQUEST = "-"
# Attributes every LogRecord has; anything else on a record came from `extra=` and is kept.
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record: the current request's, or "-" outside requests."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get() or NO_REQUEST
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (UTC, ISO 8601), level, logger, message, request_id,
    any `extra=` fields, and the exception's traceback when there is one."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", NO_REQUEST),
        }
        for name, value in vars(record).items():
            if name not in STANDARD_ATTRIBUTES and name not in entry:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        # default=str: Django passes objects such as the request in `extra`.
        return json.dumps(entry, default=str, ensure_ascii=False)
