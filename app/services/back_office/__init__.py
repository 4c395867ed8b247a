"""The staff's read models: the overview of work waiting and the portfolio dashboard."""
