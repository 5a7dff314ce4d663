"""Twenty11 keeps the plugin contract (compsim.testing.contract).

No cliffs are declared: more days of loss or worse distress never lowers a Twenty11 award.
The text's real thresholds (20 working days to notify loss and damage, 12 months in the home
for home loss, the 3- and 6-month limits) turn on other facts than days of loss or distress.
"""

from compsim.testing.contract import PolicyContract


class TestTwenty11Contract(PolicyContract):
    landlord = "twenty11"
