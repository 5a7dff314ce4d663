from compsim.testing.contract import PolicyContract


class TestClarionContract(PolicyContract):
    landlord = "clarion"
