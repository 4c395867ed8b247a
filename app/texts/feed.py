"""Texts of the platform feed and the payment instructions (issue 17): the services' messages
and the back office's "Platform feed" page. Key → (English, 简体中文)."""

FEED_TEXTS: dict[str, tuple[str, str]] = {
    # --- payouts (app/services/payouts/, app/services/lending/cancel.py) ---
    "payout.draw_cancelled": (
        "The payout of loan #{loan_id} ({amount}) failed, so the loan is cancelled: you owe nothing "
        "on it and your limit is available again.",
        "贷款 #{loan_id}（{amount}）放款失败，该笔贷款已取消：您无需为此还款，额度已恢复。"),
    "payout.cancel.has_payments": (
        "Loan #{loan_id} has payments, so its failed payout cannot cancel it: reverse the payments first.",
        "贷款 #{loan_id} 已有还款，放款失败无法直接取消：请先冲正这些还款。"),
    "payout.result.unknown": (
        "Line {line}: there is no payment instruction {instruction_id}.",
        "第 {line} 行：没有编号为 {instruction_id} 的支付指令。"),
    "payout.result.bad_status": (
        "Line {line}: the result must be confirmed or failed, not “{status}”.",
        "第 {line} 行：结果必须是 confirmed 或 failed，而不是“{status}”。"),
    "payout.result.conflict": (
        "Line {line}: instruction {instruction_id} is already {status}; a result never changes.",
        "第 {line} 行：支付指令 {instruction_id} 已是 {status}，结果不能更改。"),
}
