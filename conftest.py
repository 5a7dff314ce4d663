"""Hypothesis profiles for every test under tests/ and plugins/.

CI (the CI environment variable is set) runs the derandomized "ci" profile, so a CI result
can be reproduced exactly. Locally the "dev" profile runs more examples with fresh
randomness; HYPOTHESIS_PROFILE=thorough runs many more.
"""

import os

from hypothesis import HealthCheck, settings

common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("ci", derandomize=True, max_examples=60, print_blob=True, **common)
settings.register_profile("dev", max_examples=200, **common)
settings.register_profile("thorough", max_examples=2000, **common)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)
