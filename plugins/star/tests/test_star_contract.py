"""STAR keeps the plugin contract (compsim.testing.contract).

No cliffs are declared: more days of loss can only carry a repair delay past its target
(7.1), and a worse distress only raises the band (5.1). The policy's real cliffs (the heating
season, the twelve-month rule, "reported more than once") turn on dates and counts the
contract does not vary; they are tested in test_star_policy.py and listed in the README.
"""

from compsim.testing.contract import PolicyContract


class TestStarContract(PolicyContract):
    landlord = "star"
