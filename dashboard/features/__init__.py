"""The dashboard's features, one folder each with the same inner shape: `_ids.py` (component ids),
`_layout.py` (components from data + view state), `_callbacks.py` (named callbacks and one `register`),
`_view_model.py` (pure values the layout shows). Only what a feature needs exists in its folder."""
