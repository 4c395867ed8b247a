"""Texts the services return or raise: refusals, reasons, notifications.

Key → (English, 简体中文). Keys are dotted and grouped by area; both templates of
an entry take exactly the same {placeholders}, whose values arrive already
formatted (money as `¥1,234.56`, dates as ISO `2026-11-28`, numbers as strings).
"""

SERVICE_TEXTS: dict[str, tuple[str, str]] = {
    # --- amounts a person typed (app.money.parse_amount) ---
    "amount.float": (
        "Amounts must be given exactly, not as a float.",
        "金额必须精确给出，不能使用浮点数。"),
    "amount.not_a_number": (
        "“{value}” is not an amount; enter a number like 1234.56.",
        "“{value}”不是有效金额，请输入数字，例如 1234.56。"),
    "amount.not_positive": (
        "The amount must be greater than zero.",
        "金额必须大于零。"),
    "amount.too_large": (
        "“{value}” is too large an amount.",
        "金额“{value}”过大。"),
    "amount.too_many_decimals": (
        "Amounts have at most two decimals (fen).",
        "金额最多保留两位小数（精确到分）。"),

    # --- who may do what (app.services.actor) ---
    "access.own_only": (
        "You can only see and act on your own shops and loans.",
        "您只能查看和操作自己的店铺和贷款。"),
    "access.seller_draws_only": (
        "Only the seller can draw on their own limits.",
        "只有卖家本人才能支用自己的额度。"),
    "access.denied": (
        "You do not have permission for this action.",
        "您没有执行此操作的权限。"),

    # --- things that do not exist (or are not the reader's) ---
    "shop.not_found": (
        "There is no shop {shop_id}.",
        "店铺 {shop_id} 不存在。"),
    "seller.not_found": (
        "There is no seller #{seller_id}.",
        "卖家 #{seller_id} 不存在。"),
    "loan.not_found": (
        "There is no loan #{loan_id}.",
        "贷款 #{loan_id} 不存在。"),
    "order.not_found": (
        "There is no order #{order_id}.",
        "订单 #{order_id} 不存在。"),

    # --- drawing a loan (app.services.availability, app.services.lending) ---
    "draw.blocked.blacklisted": (
        "Your account is closed to new loans after a default; "
        "a risk officer can tell you about credit recovery.",
        "您的账户因违约已被列入黑名单，暂停新增借款；如需了解信用修复，请咨询风控专员。"),
    "draw.blocked.overdue": (
        "You have an overdue payment. Repay what is overdue before drawing again.",
        "您有逾期未还的款项，请先还清逾期金额再借款。"),
    "draw.no_limit": (
        "You have no approved limit yet. Apply on the “Apply” page first.",
        "您还没有获批的额度，请先在“申请额度”页面提交申请。"),
    "draw.below_minimum": (
        "The smallest draw is {minimum}; you asked for {asked}.",
        "单笔借款金额最低为 {minimum}，您申请的是 {asked}。"),
    "draw.exceeds.credit_limit": (
        "That is more than your credit limit allows. "
        "Available now is {available}; you asked for {asked}.",
        "超出了您的信用贷款额度。当前可用额度为 {available}，您申请的是 {asked}。"),
    "draw.exceeds.order_backing": (
        "That is more than the chosen orders can back. "
        "Available now is {available}; you asked for {asked}.",
        "超出了所选订单可支持的借款金额。当前可用额度为 {available}，您申请的是 {asked}。"),
    "draw.exceeds.combined_cap": (
        "Your loans together may not exceed {cap}. "
        "Available now is {available}; you asked for {asked}.",
        "您的全部贷款本金合计不得超过 {cap}。当前可用额度为 {available}，您申请的是 {asked}。"),
    "draw.exceeds.lender_capacity": (
        "The lender cannot fund this amount today. "
        "Available now is {available}; you asked for {asked}.",
        "今日可放款资金不足，无法发放该金额。当前可用额度为 {available}，您申请的是 {asked}。"),
    "draw.term.credit_months": (
        "Credit loans run for {terms} months; you chose {months}.",
        "信用贷款期限可选 {terms} 个月，您选择的是 {months} 个月。"),
    "draw.method.unknown": (
        "Unknown repayment method “{method}”; choose one of {names}.",
        "未知的还款方式“{method}”，请从以下方式中选择：{names}。"),
    "draw.agreement_required": (
        "Please read and accept the loan agreement before drawing.",
        "借款前请阅读并同意借款协议。"),
    "draw.orders.none_chosen": (
        "Choose at least one shipped order to back the loan.",
        "请至少选择一笔已发货订单，用于申请订单贷款。"),
    "draw.orders.not_eligible": (
        "Orders {orders} cannot back a loan: only shipped, unsettled orders of "
        "shop {shop_id} that back no other loan can.",
        "订单 {orders} 不能用于借款：只有店铺 {shop_id} 中已发货、未结算且未用于其他贷款的订单才可以。"),
    "quote.term.credit_months": (
        "Credit loans run for {terms} months.",
        "信用贷款期限可选 {terms} 个月。"),

    # --- repaying (app.services.repayment) ---
    "repay.loan_closed": (
        "This loan is already repaid in full.",
        "这笔贷款已全部还清。"),
    "repay.exceeds_payoff": (
        "The most you can pay on this loan today is its payoff amount {payoff}; you entered {amount}.",
        "这笔贷款今日最多可还结清金额 {payoff}，您输入的是 {amount}。"),

    # --- request keys of draws and repayments (app.services.idempotency) ---
    "request.key_invalid": (
        "Every draw and repayment needs a request key of 1-80 characters.",
        "每笔借款和还款都需要 1-80 个字符的请求编号。"),
    "request.key_conflict": (
        "This request key was already used for a different request; nothing was changed. "
        "Start a new request.",
        "该请求编号已用于另一笔不同的请求，本次未做任何更改。请重新发起请求。"),

    # --- order settlement and refunds (app.services.orders) ---
    "order.not_settleable": (
        "Order #{order_id} is {status}; only shipped orders settle.",
        "订单 #{order_id} 的状态为 {status}，只有已发货的订单才能结算。"),
    "order.not_settleable.paid": (
        "Order #{order_id} is paid; only shipped orders settle.",
        "订单 #{order_id} 尚未发货，只有已发货的订单才能结算。"),
    "order.not_settleable.settled": (
        "Order #{order_id} is settled; only shipped orders settle.",
        "订单 #{order_id} 已结算，只有已发货的订单才能结算。"),
    "order.not_settleable.refunded": (
        "Order #{order_id} is refunded; only shipped orders settle.",
        "订单 #{order_id} 已退款，只有已发货的订单才能结算。"),
    "order.not_refundable": (
        "Order #{order_id} is {status} and cannot be refunded.",
        "订单 #{order_id} 的状态为 {status}，无法退款。"),
    "order.not_refundable.settled": (
        "Order #{order_id} is settled and cannot be refunded.",
        "订单 #{order_id} 已结算，无法退款。"),
    "order.not_refundable.refunded": (
        "Order #{order_id} is refunded and cannot be refunded.",
        "订单 #{order_id} 已退款，无法再次退款。"),

    # --- the risk officer's manual review (app.services.review) ---
    "review.note_required": (
        "Write a note saying why.",
        "请填写审核意见，说明理由。"),
    "review.not_pending": (
        "Decision #{decision_id} is not waiting for review.",
        "授信决策 #{decision_id} 不在待人工审核状态。"),
    "review.already_done": (
        "Decision #{decision_id} was already reviewed or replaced.",
        "授信决策 #{decision_id} 已审核过，或已被新的决策取代。"),
    "review.above_bb_limit": (
        "An approval here gets at most BB's limit, {limit}.",
        "人工审核通过的额度最高为 BB 级的额度 {limit}。"),

    # --- end of day 日终 (app.services.eod; operations) ---
    "eod.already_run": (
        "End of day for {date} has already run.",
        "{date} 的日终处理已经运行过。"),
    "eod.income_would_fall": (
        "End of day {date}: earned income would fall; the book needs checking.",
        "{date} 日终：已确认的收入将会减少，请核查账务。"),

    # --- resident ID numbers (app.eligibility.resident_id): why one is malformed ---
    "resident_id.not_digits": (
        "the first 17 characters of an ID number are digits",
        "身份证号码的前 17 位应为数字"),
    "resident_id.length": (
        "an ID number has 18 characters, this one has {length}",
        "身份证号码应为 18 位，该号码为 {length} 位"),
    "resident_id.province": (
        "{code} is not a mainland province code",
        "{code} 不是中国大陆的省级行政区划代码"),
    "resident_id.birth_date": (
        "{digits} is not a real birth date",
        "{digits} 不是有效的出生日期"),
    "resident_id.check_digit": (
        "the check digit does not match (a digit is mistyped)",
        "校验码不符（可能有数字输错）"),

    # --- eligibility for a credit limit (app.eligibility.rules, rules §6.1) ---
    # one entry per malformed-ID reason above, as the full sentence a seller reads
    "eligibility.resident_id.not_digits": (
        "Your resident ID number is not valid: the first 17 characters of an ID number are digits.",
        "您的身份证号码无效：身份证号码的前 17 位应为数字。"),
    "eligibility.resident_id.length": (
        "Your resident ID number is not valid: an ID number has 18 characters, this one has {length}.",
        "您的身份证号码无效：身份证号码应为 18 位，该号码为 {length} 位。"),
    "eligibility.resident_id.province": (
        "Your resident ID number is not valid: {code} is not a mainland province code.",
        "您的身份证号码无效：{code} 不是中国大陆的省级行政区划代码。"),
    "eligibility.resident_id.birth_date": (
        "Your resident ID number is not valid: {digits} is not a real birth date.",
        "您的身份证号码无效：{digits} 不是有效的出生日期。"),
    "eligibility.resident_id.check_digit": (
        "Your resident ID number is not valid: the check digit does not match (a digit is mistyped).",
        "您的身份证号码无效：校验码不符（可能有数字输错）。"),
    "eligibility.age": (
        "Loans are for sellers aged {min_age} to {max_age}; you are {age}.",
        "借款人年龄须在 {min_age} 至 {max_age} 周岁之间，您现年 {age} 周岁。"),
    "eligibility.real_name": (
        "Your payment account is not real-name verified yet.",
        "您的支付账户尚未完成实名认证。"),
    "eligibility.tenure": (
        "Your shop must be open {months} months; it opened on {opened}, so you can apply from "
        "{eligible_from}.",
        "店铺须开业满 {months} 个月；您的店铺开业于 {opened}，可自 {eligible_from} 起申请。"),
    "eligibility.blacklisted": (
        "New loans are closed to you after a default; ask a risk officer about credit recovery.",
        "您因违约已被列入黑名单，暂不能申请新贷款；如需了解信用修复，请咨询风控专员。"),
    "eligibility.overdue": (
        "You have an overdue payment; repay it first.",
        "您有逾期未还的款项，请先还款。"),
}
