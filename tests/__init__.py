"""The CIFAL XBlocks test suite."""
