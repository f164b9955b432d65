"""The notes: a notes folder read into sections and passages (`folder`, `corpus`).

`corpus` is pure (file texts in, frozen passages out); `folder` reads the files from disk.
"""
