"""Demo platform (product §4): the deterministic seed and day-by-day simulation.

Plain Python and the services, no Streamlit: `seed.seed_demo` builds the demo,
`simulate.simulate_days` keeps it alive (`advance-days`), and
`python -m app.demo.check` prints its loans as data for the credit model
(realised loans, bads, bad rate by seller quality, AUC on pre-draw data).
"""
