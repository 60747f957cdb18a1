"""Demo and benchmark data of the Kamphaeng Phet network, loaded by `manage.py load_demo`."""
