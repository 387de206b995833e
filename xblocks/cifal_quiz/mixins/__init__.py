"""The quiz block's behaviour, one concern per mixin: OLX, grades, views, handlers."""
