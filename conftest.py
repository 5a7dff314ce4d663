"""Hypothesis profiles for every test under tests/ and plugins/ (compsim.testing):
CI=true runs the derandomized "ci" profile, so a CI result can be reproduced exactly;
locally "dev" runs with fresh randomness; HYPOTHESIS_PROFILE=thorough, many more examples.
"""

from compsim.testing import load_hypothesis_profile

load_hypothesis_profile()
