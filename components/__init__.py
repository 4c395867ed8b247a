"""Rendering pieces shared by the portal's pages (Streamlit only; no SQL, no money arithmetic).

Floats appear here only to hand numbers to the charts (Vega-Lite, through Altair) and to table
formatting."""
