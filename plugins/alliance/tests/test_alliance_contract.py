"""Alliance Homes keeps the plugin contract (compsim.testing.contract)."""

from compsim.testing.contract import PolicyContract


class TestAllianceContract(PolicyContract):
    landlord = "alliance"
