# The plugin is released with the suite, from the same repository and tag: keep it equal to setup.py's version.
__version__ = "0.1.0"
