"""Texts of issue #9's second half: what a seller can borrow and why not, the draw amount
checked as it is typed, the application preview and limit stability, the documents a
borrower keeps (agreement, receipts, statements) and the platform balance.
Key → (English, 简体中文); parameters come formatted (money ¥1,234.56, dates ISO)."""

DOCUMENT_TEXTS: dict[str, tuple[str, str]] = {
    # --- why a seller cannot borrow (app.services.borrowing) ---
    "borrow.cannot_title": (
        "You cannot draw a loan now",
        "您目前无法借款"),
    "borrow.cannot_credit": (
        "You cannot draw a credit loan now",
        "您目前无法借信用贷款"),
    "borrow.cannot_order": (
        "You cannot draw an order loan now",
        "您目前无法借订单贷款"),
    "borrow.why.ineligible": (
        "You are not eligible for a limit yet:",
        "您暂不符合获得额度的条件："),
    "borrow.why.manual_review": (
        "Your application of {date} is with a risk officer for review; you can draw once it is approved.",
        "您于 {date} 提交的申请正在由风控专员人工审核，审核通过后即可借款。"),
    "borrow.why.declined": (
        "Your last rating was declined (score {score}; 580 is needed for a review). "
        "See “How to raise your limit” and apply again.",
        "您最近一次评级未获通过（评分 {score}，需达到 580 分方可进入人工审核）。"
        "请参考“如何提高额度”后重新申请。"),
    "borrow.why.no_credit_limit": (
        "Your rating gives no credit-loan limit.",
        "您当前的评级没有信用贷款额度。"),
    "borrow.why.credit_used": (
        "Available now is {available}, less than the smallest draw of {minimum} "
        "(limit {limit}, outstanding {outstanding}). Repaying frees the limit again.",
        "当前可借 {available}，低于单笔最低借款金额 {minimum}（额度 {limit}，未还本金 {outstanding}）。"
        "还款后额度即可恢复。"),
    "borrow.why.no_advance_rate": (
        "Your rating gives no order-loan advance rate.",
        "您当前的评级没有订单贷款额度（垫付比例为 0）。"),
    "borrow.why.order_room": (
        "Available now is {available}, less than the smallest draw of {minimum}.",
        "当前可借 {available}，低于单笔最低借款金额 {minimum}。"),
    "borrow.see_limits": (
        "See My limits",
        "查看我的额度"),
    "borrow.apply_link": (
        "Apply / re-rate",
        "申请 / 重新评级"),
    "borrow.repay_link": (
        "Repay what is overdue",
        "偿还逾期款项"),

    # --- the draw amount, checked while it is typed (components.draw_amount) ---
    "amount.bounds": (
        "From {minimum} up to {available} now.",
        "最低 {minimum}，当前最多 {available}。"),
    "amount.max": (
        "Max",
        "最高"),
    "amount.max_help": (
        "Fill in the most you can draw now: {available}.",
        "填入当前最多可借金额：{available}。"),
    "draw.agree_first": (
        "Tick “I agree” to confirm.",
        "请先勾选“我同意”再确认。"),
}
