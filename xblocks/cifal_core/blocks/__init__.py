"""
What every CIFAL XBlock shares with the platform: identity, translation, rendering and platform fields.

This is the one part of ``cifal_core`` that imports XBlock; the rest of the core stays plain Python.
"""
