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

    # --- free text reaching the database (app.services.access.inputs) ---
    "input.invalid_text": (
        "This text has characters that are not allowed, or is longer than {max_len} characters.",
        "文本包含不允许的字符，或超过 {max_len} 个字符。"),

    # --- who may do what (app.services.access.actor) ---
    "access.own_only": (
        "You can only see and act on your own shops and loans.",
        "您只能查看和操作自己的店铺和贷款。"),
    "access.seller_draws_only": (
        "Only the seller can draw on their own limits.",
        "只有卖家本人才能支用自己的额度。"),
    "access.seller_repays_only": (
        "Only the seller can repay their own loans.",
        "只有卖家本人才能偿还自己的贷款。"),
    "access.seller_withdraws_only": (
        "Only the seller can withdraw their own platform balance.",
        "只有卖家本人才能提取自己的平台余额。"),
    "access.denied": (
        "You do not have permission for this action.",
        "您没有执行此操作的权限。"),

    # --- signing in (app.services.accounts.signin) ---
    "auth.busy": (
        "Sign-in is busy; please try again in a moment.",
        "登录繁忙，请稍后再试。"),

    # --- things that do not exist (or are not the reader's) ---
    "login.username_taken": (
        "The username {username} is taken by another login.",
        "用户名 {username} 已被其他登录账号使用。"),
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

    # --- drawing a loan (app.services.lending.availability, app.services.lending.draws) ---
    "draw.blocked.blacklisted": (
        "Your account is closed to new loans after a default; "
        "a risk officer can tell you about credit recovery.",
        "您的账户因违约已被列入黑名单，暂停新增借款；如需了解信用修复，请咨询风控专员。"),
    "draw.blocked.overdue": (
        "You have an overdue payment. Repay what is overdue before drawing again.",
        "您有逾期未还的款项，请先还清逾期金额再借款。"),
    "draw.no_limit": (
        "You have no approved limit yet. Apply on the “Apply” page first.",
        "您还没有获批的额度，请先在“申请 / 重新评级”页面提交申请。"),
    "draw.below_minimum": (
        "The smallest draw is {minimum}; you asked for {asked}.",
        "单笔借款金额最低为 {minimum}，您申请的是 {asked}。"),
    "draw.exceeds.credit_limit": (
        "That is more than your credit limit allows. "
        "Available now is {available}; you asked for {asked}.",
        "申请金额超出了您的信用贷款额度。当前可用额度为 {available}，您申请的是 {asked}。"),
    "draw.exceeds.order_backing": (
        "That is more than the chosen orders can back. "
        "Available now is {available}; you asked for {asked}.",
        "申请金额超出了所选订单可支持的借款金额。当前可用额度为 {available}，您申请的是 {asked}。"),
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
    "draw.term.order_days": (
        "Order loans run 1 to {max_days} days, repaid as their orders settle.",
        "订单贷款期限为 1 至 {max_days} 天，随订单结算还款。"),
    "draw.term.order_method": (
        "Order loans are repaid in one payment at maturity (bullet).",
        "订单贷款只能到期一次还本付息。"),
    "draw.product.unknown": (
        "Unknown product “{product}”; choose one of {names}.",
        "未知的贷款产品“{product}”，请从以下产品中选择：{names}。"),
    "draw.method.unknown": (
        "Unknown repayment method “{method}”; choose one of {names}.",
        "未知的还款方式“{method}”，请从以下方式中选择：{names}。"),
    "draw.agreement_required": (
        "Please read and accept the loan agreement before drawing.",
        "借款前请阅读并同意借款合同。"),
    "draw.orders.none_chosen": (
        "Choose at least one shipped order to back the loan.",
        "请至少选择一笔已发货订单，用于申请订单贷款。"),
    "draw.orders.invalid": (
        "Choose the orders from the list of your shipped orders.",
        "请从您的已发货订单列表中选择订单。"),
    "draw.orders.not_eligible": (
        "Orders {orders} cannot back a loan: only shipped, unsettled orders of "
        "shop {shop_id} that back no other loan can.",
        "订单 {orders} 不能用于借款：只有店铺 {shop_id} 中已发货、未结算且未用于其他贷款的订单才可以。"),

    # --- repaying (app.services.lending.repayment) ---
    "repay.loan_closed": (
        "This loan is already repaid in full.",
        "这笔贷款已全部还清。"),
    "repay.exceeds_payoff": (
        "The most you can pay on this loan today is its payoff amount {payoff}; you entered {amount}.",
        "这笔贷款今日最多可还 {payoff}（即结清金额），您输入的是 {amount}。"),

    # --- request keys of draws and repayments (app.services.store.idempotency) ---
    "request.key_invalid": (
        "Every draw and repayment needs a request key of 1-80 characters.",
        "每笔借款和还款都需要 1-80 个字符的请求编号。"),
    "request.key_conflict": (
        "This request key was already used for a different request; nothing was changed. "
        "Start a new request.",
        "该请求编号已用于另一笔不同的请求，本次未做任何更改。请重新发起请求。"),

    # --- lock conflicts (app.services.store.locks) ---
    "system.busy": (
        "The system is busy; please try again.",
        "系统繁忙，请稍后重试。"),

    # --- order settlement and refunds (app.services.lending.orders) ---
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

    # --- the risk officer's manual review (app.services.credit.review) ---
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

    # --- end of day 日终 (app.services.end_of_day.run; operations) ---
    "eod.until_invalid": (
        "“{until}” is not a business date.",
        "“{until}”不是有效的营业日期。"),
    "time_travel.days_range": (
        "Advance between 1 and {max_days} days.",
        "推进的天数须在 1 到 {max_days} 天之间。"),
    "time_travel.seed": (
        "The simulation's seed must be a whole number, not “{seed}”.",
        "模拟的随机种子须为整数，而不是“{seed}”。"),
    "eod.already_run": (
        "End of day for {date} has already run.",
        "{date} 的日终处理已经运行过。"),
    "eod.already_running": (
        "End of day is already running (another run holds the lock); this one did not start.",
        "日终处理正在运行（另一次运行持有锁），本次未启动。"),
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

    # --- scorecard factors (app.scoring.transforms FACTORS): what each is, in a seller's words ---
    "factor.sales_level": ("average monthly sales", "月均销售额"),
    "factor.sales_trend": ("sales growth over the last 3 months", "近 3 个月销售增长"),
    "factor.sales_volatility": ("month-to-month swings in sales", "月度销售波动"),
    "factor.order_volume": ("orders in the last 6 months", "近 6 个月订单量"),
    "factor.repeat_buyer_rate": ("share of repeat buyers", "回头客占比"),
    "factor.buyer_diversity": ("buyer diversity (buyers per order)", "买家分散度（每单买家数）"),
    "factor.refund_rate": ("refund rate", "退款率"),
    "factor.dispute_rate": ("disputes per 100 orders", "每百单纠纷数"),
    "factor.tenure_years": ("time on the platform", "入驻平台时长"),
    "factor.certified": ("shop certification", "店铺认证"),
    "factor.login_regularity": ("days a month you sign in", "每月登录天数"),
    "factor.ad_intensity": ("advertising spend per ¥100 of sales", "每 ¥100 销售额的广告投入"),
    "factor.community_activity": ("community activity", "社区活跃度"),
    "factor.favourites_per_order": ("favourites per order", "每单收藏数"),
    "factor.positive_review_rate": ("positive-review rate", "好评率"),
    "factor.shop_rating": ("shop rating", "店铺评分"),
    "factor.complaint_rate": ("complaints per 100 orders", "每百单投诉数"),

    # --- a factor's reason: the seller's value against the platform's typical one (app.scoring.explain) ---
    "reason.sales_level.above": (
        "Your average monthly sales, {mine} a month, is above the {typical} a month typical on the platform",
        "您的月均销售额为 {mine}，高于平台平均水平 {typical}"),
    "reason.sales_level.below": (
        "Your average monthly sales, {mine} a month, is below the {typical} a month typical on the platform",
        "您的月均销售额为 {mine}，低于平台平均水平 {typical}"),
    "reason.sales_trend.above": (
        "Your sales growth over the last 3 months, {mine} %, "
        "is above the {typical} % typical on the platform",
        "您近 3 个月的销售增长为 {mine}%，高于平台平均水平 {typical}%"),
    "reason.sales_trend.below": (
        "Your sales growth over the last 3 months, {mine} %, "
        "is below the {typical} % typical on the platform",
        "您近 3 个月的销售增长为 {mine}%，低于平台平均水平 {typical}%"),
    "reason.sales_volatility.above": (
        "Your month-to-month swings in sales, {mine} %, is above the {typical} % typical on the platform",
        "您的月度销售波动为 {mine}%，高于平台平均水平 {typical}%"),
    "reason.sales_volatility.below": (
        "Your month-to-month swings in sales, {mine} %, is below the {typical} % typical on the platform",
        "您的月度销售波动为 {mine}%，低于平台平均水平 {typical}%"),
    "reason.order_volume.above": (
        "Your orders in the last 6 months, {mine} orders, "
        "is above the {typical} orders typical on the platform",
        "您近 6 个月的订单量为 {mine} 单，高于平台平均水平 {typical} 单"),
    "reason.order_volume.below": (
        "Your orders in the last 6 months, {mine} orders, "
        "is below the {typical} orders typical on the platform",
        "您近 6 个月的订单量为 {mine} 单，低于平台平均水平 {typical} 单"),
    "reason.repeat_buyer_rate.above": (
        "Your share of repeat buyers, {mine} %, is above the {typical} % typical on the platform",
        "您的回头客占比为 {mine}%，高于平台平均水平 {typical}%"),
    "reason.repeat_buyer_rate.below": (
        "Your share of repeat buyers, {mine} %, is below the {typical} % typical on the platform",
        "您的回头客占比为 {mine}%，低于平台平均水平 {typical}%"),
    "reason.buyer_diversity.above": (
        "Your buyer diversity (buyers per order), {mine} %, is above the {typical} % typical on the platform",
        "您的买家分散度（每单买家数）为 {mine}%，高于平台平均水平 {typical}%"),
    "reason.buyer_diversity.below": (
        "Your buyer diversity (buyers per order), {mine} %, is below the {typical} % typical on the platform",
        "您的买家分散度（每单买家数）为 {mine}%，低于平台平均水平 {typical}%"),
    "reason.refund_rate.above": (
        "Your refund rate, {mine} %, is above the {typical} % typical on the platform",
        "您的退款率为 {mine}%，高于平台平均水平 {typical}%"),
    "reason.refund_rate.below": (
        "Your refund rate, {mine} %, is below the {typical} % typical on the platform",
        "您的退款率为 {mine}%，低于平台平均水平 {typical}%"),
    "reason.dispute_rate.above": (
        "Your disputes per 100 orders, {mine}, is above the {typical} typical on the platform",
        "您每百单的纠纷数为 {mine}，高于平台平均水平 {typical}"),
    "reason.dispute_rate.below": (
        "Your disputes per 100 orders, {mine}, is below the {typical} typical on the platform",
        "您每百单的纠纷数为 {mine}，低于平台平均水平 {typical}"),
    "reason.tenure_years.above": (
        "Your time on the platform, {mine} years, is above the {typical} years typical on the platform",
        "您入驻平台的时长为 {mine} 年，高于平台平均水平 {typical} 年"),
    "reason.tenure_years.below": (
        "Your time on the platform, {mine} years, is below the {typical} years typical on the platform",
        "您入驻平台的时长为 {mine} 年，低于平台平均水平 {typical} 年"),
    "reason.login_regularity.above": (
        "Your days a month you sign in, {mine} days a month, "
        "is above the {typical} days a month typical on the platform",
        "您每月登录 {mine} 天，高于平台平均水平（每月 {typical} 天）"),
    "reason.login_regularity.below": (
        "Your days a month you sign in, {mine} days a month, "
        "is below the {typical} days a month typical on the platform",
        "您每月登录 {mine} 天，低于平台平均水平（每月 {typical} 天）"),
    "reason.ad_intensity.above": (
        "Your advertising spend per ¥100 of sales, {mine}, is above the {typical} typical on the platform",
        "您每 ¥100 销售额的广告投入为 {mine}，高于平台平均水平 {typical}"),
    "reason.ad_intensity.below": (
        "Your advertising spend per ¥100 of sales, {mine}, is below the {typical} typical on the platform",
        "您每 ¥100 销售额的广告投入为 {mine}，低于平台平均水平 {typical}"),
    "reason.community_activity.above": (
        "Your community activity, {mine} posts a month, "
        "is above the {typical} posts a month typical on the platform",
        "您每月在社区发帖 {mine} 篇，高于平台平均水平（每月 {typical} 篇）"),
    "reason.community_activity.below": (
        "Your community activity, {mine} posts a month, "
        "is below the {typical} posts a month typical on the platform",
        "您每月在社区发帖 {mine} 篇，低于平台平均水平（每月 {typical} 篇）"),
    "reason.favourites_per_order.above": (
        "Your favourites per order, {mine}, is above the {typical} typical on the platform",
        "您每单的收藏数为 {mine}，高于平台平均水平 {typical}"),
    "reason.favourites_per_order.below": (
        "Your favourites per order, {mine}, is below the {typical} typical on the platform",
        "您每单的收藏数为 {mine}，低于平台平均水平 {typical}"),
    "reason.positive_review_rate.above": (
        "Your positive-review rate, {mine} %, is above the {typical} % typical on the platform",
        "您的好评率为 {mine}%，高于平台平均水平 {typical}%"),
    "reason.positive_review_rate.below": (
        "Your positive-review rate, {mine} %, is below the {typical} % typical on the platform",
        "您的好评率为 {mine}%，低于平台平均水平 {typical}%"),
    "reason.shop_rating.above": (
        "Your shop rating, {mine} stars, is above the {typical} stars typical on the platform",
        "您的店铺评分为 {mine} 星，高于平台平均水平 {typical} 星"),
    "reason.shop_rating.below": (
        "Your shop rating, {mine} stars, is below the {typical} stars typical on the platform",
        "您的店铺评分为 {mine} 星，低于平台平均水平 {typical} 星"),
    "reason.complaint_rate.above": (
        "Your complaints per 100 orders, {mine}, is above the {typical} typical on the platform",
        "您每百单的投诉数为 {mine}，高于平台平均水平 {typical}"),
    "reason.complaint_rate.below": (
        "Your complaints per 100 orders, {mine}, is below the {typical} typical on the platform",
        "您每百单的投诉数为 {mine}，低于平台平均水平 {typical}"),
    "reason.certified.yes": ("Your shop is certified", "您的店铺已通过认证"),
    "reason.certified.no": ("Your shop is not certified", "您的店铺尚未通过认证"),

    # --- what would raise the limit, for a factor that hurt (higher or lower is better) ---
    "tip.sales_level.higher": (
        "Work towards a higher average monthly sales (typical: {typical} a month).",
        "努力提高月均销售额（平台平均水平：{typical}）。"),
    "tip.sales_trend.higher": (
        "Work towards a higher sales growth over the last 3 months (typical: {typical} %).",
        "努力提高近 3 个月的销售增长（平台平均水平：{typical}%）。"),
    "tip.sales_volatility.lower": (
        "Work towards a lower month-to-month swings in sales (typical: {typical} %).",
        "努力减小月度销售波动（平台平均水平：{typical}%）。"),
    "tip.order_volume.higher": (
        "Work towards a higher orders in the last 6 months (typical: {typical} orders).",
        "努力提高近 6 个月的订单量（平台平均水平：{typical} 单）。"),
    "tip.repeat_buyer_rate.higher": (
        "Work towards a higher share of repeat buyers (typical: {typical} %).",
        "努力提高回头客占比（平台平均水平：{typical}%）。"),
    "tip.buyer_diversity.higher": (
        "Work towards a higher buyer diversity (buyers per order) (typical: {typical} %).",
        "努力提高买家分散度（平台平均水平：{typical}%）。"),
    "tip.refund_rate.lower": (
        "Work towards a lower refund rate (typical: {typical} %).",
        "努力降低退款率（平台平均水平：{typical}%）。"),
    "tip.dispute_rate.lower": (
        "Work towards a lower disputes per 100 orders (typical: {typical}).",
        "努力减少每百单的纠纷数（平台平均水平：{typical}）。"),
    "tip.tenure_years.higher": (
        "Work towards a higher time on the platform (typical: {typical} years).",
        "在平台上持续经营，积累入驻时长（平台平均水平：{typical} 年）。"),
    "tip.login_regularity.higher": (
        "Work towards a higher days a month you sign in (typical: {typical} days a month).",
        "努力增加每月登录天数（平台平均水平：每月 {typical} 天）。"),
    "tip.ad_intensity.higher": (
        "Work towards a higher advertising spend per ¥100 of sales (typical: {typical}).",
        "努力提高每 ¥100 销售额的广告投入（平台平均水平：{typical}）。"),
    "tip.community_activity.higher": (
        "Work towards a higher community activity (typical: {typical} posts a month).",
        "努力提高社区活跃度（平台平均水平：每月 {typical} 篇）。"),
    "tip.favourites_per_order.higher": (
        "Work towards a higher favourites per order (typical: {typical}).",
        "努力提高每单收藏数（平台平均水平：{typical}）。"),
    "tip.positive_review_rate.higher": (
        "Work towards a higher positive-review rate (typical: {typical} %).",
        "努力提高好评率（平台平均水平：{typical}%）。"),
    "tip.shop_rating.higher": (
        "Work towards a higher shop rating (typical: {typical} stars).",
        "努力提高店铺评分（平台平均水平：{typical} 星）。"),
    "tip.complaint_rate.lower": (
        "Work towards a lower complaints per 100 orders (typical: {typical}).",
        "努力减少每百单的投诉数（平台平均水平：{typical}）。"),
    "tip.certified.higher": (
        "Work towards a higher shop certification (typical: certified).",
        "争取完成店铺认证（平台上多数店铺已认证）。"),

    # --- rule-based points (app.scoring.adjustments): industry factor per shop category ---
    "reason.industry.favoured": (
        "Your category ({category}) is favoured by this season's industry and policy factor",
        "本季行业与政策因素利好您所在的类目（{category}）"),
    "reason.industry.weighed_down": (
        "Your category ({category}) is weighed down by this season's industry and policy factor",
        "本季行业与政策因素对您所在的类目（{category}）不利"),
    "reason.industry.favoured.food": (
        "Your category (food) is favoured by this season's industry and policy factor",
        "本季行业与政策因素利好您所在的类目（食品）"),
    "reason.industry.weighed_down.food": (
        "Your category (food) is weighed down by this season's industry and policy factor",
        "本季行业与政策因素对您所在的类目（食品）不利"),
    "reason.industry.favoured.home": (
        "Your category (home) is favoured by this season's industry and policy factor",
        "本季行业与政策因素利好您所在的类目（家居）"),
    "reason.industry.weighed_down.home": (
        "Your category (home) is weighed down by this season's industry and policy factor",
        "本季行业与政策因素对您所在的类目（家居）不利"),
    "reason.industry.favoured.electronics": (
        "Your category (electronics) is favoured by this season's industry and policy factor",
        "本季行业与政策因素利好您所在的类目（数码电子）"),
    "reason.industry.weighed_down.electronics": (
        "Your category (electronics) is weighed down by this season's industry and policy factor",
        "本季行业与政策因素对您所在的类目（数码电子）不利"),
    "reason.industry.favoured.beauty": (
        "Your category (beauty) is favoured by this season's industry and policy factor",
        "本季行业与政策因素利好您所在的类目（美妆）"),
    "reason.industry.weighed_down.beauty": (
        "Your category (beauty) is weighed down by this season's industry and policy factor",
        "本季行业与政策因素对您所在的类目（美妆）不利"),
    "reason.industry.favoured.toys": (
        "Your category (toys) is favoured by this season's industry and policy factor",
        "本季行业与政策因素利好您所在的类目（玩具）"),
    "reason.industry.weighed_down.toys": (
        "Your category (toys) is weighed down by this season's industry and policy factor",
        "本季行业与政策因素对您所在的类目（玩具）不利"),
    "reason.industry.favoured.apparel": (
        "Your category (apparel) is favoured by this season's industry and policy factor",
        "本季行业与政策因素利好您所在的类目（服饰）"),
    "reason.industry.weighed_down.apparel": (
        "Your category (apparel) is weighed down by this season's industry and policy factor",
        "本季行业与政策因素对您所在的类目（服饰）不利"),

    # --- rule-based points: the repayment record ---
    "reason.repaid_on_time": (
        "Earlier loans you repaid on time: {count}",
        "您此前有 {count} 笔贷款按时还清"),
    "reason.repaid_late": (
        "Earlier loans repaid late: {count}",
        "您此前有 {count} 笔贷款逾期后才还清"),
    "tip.repaid_late": (
        "Work towards repaying every installment by its due date.",
        "努力做到每期都在到期日前按时还款。"),
    "reason.defaulted": (
        "Earlier loans that went over 90 days past due: {count}",
        "您此前有 {count} 笔贷款逾期超过 90 天"),
    "tip.defaulted": (
        "Work towards a clean repayment record from now on.",
        "从现在起保持良好的还款记录。"),

    # --- rule-based points: declared financials checked against platform data ---
    "reason.declared_sales.match": (
        "Your declared sales match the platform's figures: you declared {annual} a year with {share} % on "
        "the platform, i.e. {implied}; the platform saw {observed} a year",
        "您申报的销售额与平台数据相符：您申报的年销售额为 {annual}，其中 {share}% 来自平台，"
        "即 {implied}；平台记录的年销售额为 {observed}"),
    "reason.declared_sales.prefilled": (
        "Your declared sales are the platform's own figures as pre-filled ({observed} a year): they "
        "confirm your sales but add no points",
        "您申报的销售额即平台预填的数据（每年 {observed}）：仅作确认，不加分"),
    "reason.self_declared_cap": (
        "Answers the platform cannot check (declared figures, questionnaire) do not raise your rating "
        "band: {capped} of their {points} points are not counted",
        "平台无法核实的申报内容（申报的经营数据、问卷）不会提高您的评级：其 {points} 分中"
        "有 {capped} 分不计入"),
    "reason.declared_sales.mismatch": (
        "Your declared sales disagree with the platform's: you declared {annual} a year with {share} % on "
        "the platform, i.e. {implied}; the platform saw {observed} a year",
        "您申报的销售额与平台数据不符：您申报的年销售额为 {annual}，其中 {share}% 来自平台，"
        "即 {implied}；平台记录的年销售额为 {observed}"),
    "tip.declared_sales": (
        "Work towards declared figures that match your platform sales.",
        "努力使申报的经营数据与您在平台上的实际销售额相符。"),
    "reason.leverage": (
        "Your liabilities are {share} % of your assets",
        "您的负债为资产的 {share}%"),
    "tip.leverage": (
        "Work towards liabilities below {limit} % of assets.",
        "努力将负债降到资产的 {limit}% 以下。"),
    "reason.declared_margin": (
        "Your declared net margin {declared} % does not fit sales and costs ({implied} %)",
        "您申报的净利润率 {declared}% 与销售额和成本推算出的利润率（{implied}%）不符"),
    "tip.declared_margin": (
        "Work towards a net margin consistent with your sales and costs.",
        "努力使申报的净利润率与销售额和成本相符。"),
    "reason.concentration": (
        "{share} % of your sales go to one customer",
        "您 {share}% 的销售额来自同一位客户"),
    "tip.concentration": (
        "Work towards a broader customer base.",
        "努力拓展更广泛的客户群。"),
    "reason.questionnaire": (
        "Your questionnaire answers average {mean} of 5",
        "您的问卷答案平均为 {mean} 分（满分 5 分）"),

    # --- what would raise the limit: the next rating band (app.scoring.decision) ---
    "tip.next_band": (
        "A score of {score} ({band}) would give a credit limit of {limit}.",
        "评分达到 {score}（{band} 级）即可获得 {limit} 的信用额度。"),

    # --- the application form (app.scoring.application): fields, problems, questionnaire ---
    "application.field.annual_sales": ("Annual sales", "年销售额"),
    "application.field.operating_cost": ("Operating cost", "经营成本"),
    "application.field.inventory": ("Inventory", "库存"),
    "application.field.total_assets": ("Total assets", "总资产"),
    "application.field.total_liabilities": ("Total liabilities", "总负债"),
    "application.field.receivables": ("Receivables", "应收账款"),
    "application.field.net_margin_pct": ("Net margin", "净利润率"),
    "application.field.platform_share_pct": ("Platform share", "平台销售占比"),
    "application.annual_sales.not_a_number": (
        "Annual sales: “{raw}” is not a number.",
        "年销售额：“{raw}”不是数字。"),
    "application.operating_cost.not_a_number": (
        "Operating cost: “{raw}” is not a number.",
        "经营成本：“{raw}”不是数字。"),
    "application.inventory.not_a_number": (
        "Inventory: “{raw}” is not a number.",
        "库存：“{raw}”不是数字。"),
    "application.total_assets.not_a_number": (
        "Total assets: “{raw}” is not a number.",
        "总资产：“{raw}”不是数字。"),
    "application.total_liabilities.not_a_number": (
        "Total liabilities: “{raw}” is not a number.",
        "总负债：“{raw}”不是数字。"),
    "application.receivables.not_a_number": (
        "Receivables: “{raw}” is not a number.",
        "应收账款：“{raw}”不是数字。"),
    "application.net_margin_pct.not_a_number": (
        "Net margin: “{raw}” is not a number.",
        "净利润率：“{raw}”不是数字。"),
    "application.platform_share_pct.not_a_number": (
        "Platform share: “{raw}” is not a number.",
        "平台销售占比：“{raw}”不是数字。"),
    "application.annual_sales.negative": ("Annual sales cannot be negative.", "年销售额不能为负数。"),
    "application.operating_cost.negative": ("Operating cost cannot be negative.", "经营成本不能为负数。"),
    "application.inventory.negative": ("Inventory cannot be negative.", "库存不能为负数。"),
    "application.total_assets.negative": ("Total assets cannot be negative.", "总资产不能为负数。"),
    "application.total_liabilities.negative": ("Total liabilities cannot be negative.", "总负债不能为负数。"),
    "application.receivables.negative": ("Receivables cannot be negative.", "应收账款不能为负数。"),
    "application.net_margin_pct.range": (
        "Net margin is a percentage between -100 and 100.",
        "净利润率应为 -100 到 100 之间的百分比。"),
    "application.platform_share_pct.range": (
        "Platform share is a percentage between 0 and 100.",
        "平台销售占比应为 0 到 100 之间的百分比。"),
    "application.customers.total_share": (
        "The largest customers' shares add up to more than 100 %.",
        "主要客户的销售占比合计超过 100%。"),
    "application.figure_too_large": (
        "“{raw}” is too large a figure; this form takes at most {max}.",
        "“{raw}”数值过大；本表单最多可填 {max}。"),
    "application.customer_share.not_a_number": (
        "Customer {k} share: “{raw}” is not a number.",
        "客户 {k} 的销售占比：“{raw}”不是数字。"),
    "application.customer_share.range": (
        "Customer {k} share is a percentage between 0 and 100.",
        "客户 {k} 的销售占比应为 0 到 100 之间的百分比。"),
    "application.customer_since.missing": (
        "Customer {k}: give the date the relationship started.",
        "客户 {k}：请填写开始合作的日期。"),
    "application.customer_since.future": (
        "Customer {k}: the relationship cannot start in the future ({since}).",
        "客户 {k}：开始合作的日期不能晚于今天（{since}）。"),
    "application.form_invalid": (
        "The application form could not be read; please fill it in again.",
        "无法读取申请表，请重新填写。"),
    "application.questionnaire.incomplete": (
        "Answer all {count} questionnaire questions with 1-5, or none.",
        "请用 1-5 分回答全部 {count} 道问卷题目，或者全部不答。"),
    "questionnaire.separate_accounts": (
        "I keep my business accounts separate from my personal money.",
        "我把生意的账目与个人资金分开管理。"),
    "questionnaire.plan_stock": (
        "I plan my stock at least a month ahead.",
        "我至少提前一个月规划备货。"),
    "questionnaire.cut_costs": (
        "When sales drop, I cut costs before I borrow.",
        "销售下滑时，我会先削减成本，再考虑借款。"),
    "questionnaire.know_margin": (
        "I know my profit margin on my best-selling products.",
        "我清楚自己畅销商品的利润率。"),
    "questionnaire.pay_suppliers": (
        "I pay my suppliers on the agreed day.",
        "我按约定的日期向供应商付款。"),
    "questionnaire.grow_slowly": (
        "I would rather grow slowly than borrow heavily.",
        "我宁愿稳步发展，也不愿大量借款。"),

    # --- the seller's notifications (app.services.portal.home) ---
    "notification.overdue": (
        "Loan #{loan_id} is {days} days past due: {amount} was due on {due_date}. "
        "Penalty interest accrues daily.",
        "贷款 #{loan_id} 已逾期 {days} 天：应于 {due_date} 归还的 {amount} 尚未还清，罚息按日计收。"),
    "notification.reminder": (
        "Loan #{loan_id}: {amount} is due on {due_date}.",
        "贷款 #{loan_id}：{amount} 将于 {due_date} 到期，请按时还款。"),
    "notification.limit_changed": (
        "Your credit limit changed from {old} to {new} (rating {band}, score {score}).",
        "您的信用额度已由 {old} 调整为 {new}（评级 {band}，评分 {score}）。"),
}
