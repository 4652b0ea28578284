"""Checks on a content pack's words, before any sheet is made from them: the educators' stage.

``mbcprep content check`` runs them: ``readability`` grades what a sheet
prints (each language with its own formula) and checks the pack as
written; ``translation`` compares a translated pack with the one it was
translated from.  They plan sheets to see what is printed, so this stage
sits above the planner.
"""
