"""A progress line on stderr for long runs (tqdm), shown only when stderr is a terminal and not ``quiet``."""
import sys


class _Silent:
    def update(self, count=1):
        pass

    def close(self):
        pass


def progress(total, description, quiet=False):
    if quiet or not sys.stderr.isatty():
        return _Silent()
    from tqdm import tqdm
    return tqdm(total=total, desc=description, unit='module', file=sys.stderr, leave=False)
