"""Tutor plugin for the CIFAL migration XBlocks (``tutor plugins enable cifal``)."""
