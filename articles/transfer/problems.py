"""What is wrong with a file, each problem at the path of the bad item in it, e.g.
`articles[0].body[3].value.transcript[2].value.timecode: Timecodes must be in order…`."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from wagtail import blocks


class TransferError(Exception):
    """A file that cannot be imported (or a database that cannot be exported), with every
    problem found."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(f"{path}: {message}" for path, message in self.problems))


class Problems:
    """Collects (path, message) pairs while a file is checked, so one run reports them all."""

    def __init__(self):
        self.items = []

    def __bool__(self):
        return bool(self.items)

    def add(self, path, message):
        self.items.append((path, str(message)))

    def add_error(self, path, error, keys=None):
        """Add every message of a ValidationError from a block or a model. `keys` maps model
        field names to the names the file uses for them (e.g. {"title": "name"})."""
        for error_path, message in messages_at(path, error, keys or {}):
            self.add(error_path, message)

    def raise_if_any(self):
        if self.items:
            raise TransferError(self.items)


def messages_at(path, error, keys):
    """(path, message) for each message in a tree of block or model validation errors."""
    if isinstance(error, blocks.StreamBlockValidationError | blocks.ListBlockValidationError):
        # Stream children and list items are both {"type": …, "value": …} in the file.
        yield from _plain_messages(path, error.non_block_errors.as_data())
        for index, child_error in sorted(error.block_errors.items()):
            yield from messages_at(f"{path}[{index}].value", child_error, keys)
    elif isinstance(error, blocks.StructBlockValidationError):
        yield from _plain_messages(path, error.non_block_errors.as_data())
        for name, child_error in error.block_errors.items():
            yield from messages_at(f"{path}.{name}", child_error, keys)
    elif hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            field_path = path if field == NON_FIELD_ERRORS else f"{path}.{keys.get(field, field)}"
            for field_error in field_errors:
                yield from messages_at(field_path, field_error, keys)
    else:
        yield from _plain_messages(path, [error])


def _plain_messages(path, errors):
    for error in errors:
        for message in ValidationError(error).messages:
            yield path, message


def leaf_errors(error):
    """Every plain ValidationError in a tree of block or model validation errors."""
    if isinstance(
        error,
        blocks.StreamBlockValidationError
        | blocks.ListBlockValidationError
        | blocks.StructBlockValidationError,
    ):
        yield from error.non_block_errors.as_data()
        for child_error in error.block_errors.values():
            yield from leaf_errors(child_error)
    elif hasattr(error, "error_dict"):
        for field_errors in error.error_dict.values():
            for field_error in field_errors:
                yield from leaf_errors(field_error)
    else:
        yield from error.error_list
