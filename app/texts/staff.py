"""Texts the back office shows staff (issue 16 item 14): decision statuses, audit actions and
subjects, and a credit decision's reasons worded for the officer reading about a seller —
the seller's own wording ("Your refund rate …", "您的退款率 …") stays on the seller's pages.

A reason or tip `reason.X` / `tip.X` of the services' catalogue has its staff wording under
`staff.reason.X` / `staff.tip.X`, with the same parameters (tests/unit/test_staff_texts.py
checks every one has it)."""

# (English label, Chinese label) of each factor, and how its figures read: "{mine}" and "{typical}"
# with a unit, for reason.<factor>.above / below and tip.<factor>.higher / lower.
_FACTORS = {
    "sales_level": ("Average monthly sales", "月均销售额", "{v} a month", "{v}"),
    "sales_trend": ("Sales growth over the last 3 months", "近 3 个月销售增长", "{v} %", "{v}%"),
    "sales_volatility": ("Month-to-month swings in sales", "月度销售波动", "{v} %", "{v}%"),
    "order_volume": ("Orders in the last 6 months", "近 6 个月订单量", "{v} orders", "{v} 单"),
    "repeat_buyer_rate": ("Share of repeat buyers", "回头客占比", "{v} %", "{v}%"),
    "buyer_diversity": ("Buyer diversity (buyers per order)", "买家分散度（每单买家数）", "{v} %", "{v}%"),
    "refund_rate": ("Refund rate", "退款率", "{v} %", "{v}%"),
    "dispute_rate": ("Disputes per 100 orders", "每百单纠纷数", "{v}", "{v}"),
    "tenure_years": ("Time on the platform", "入驻平台时长", "{v} years", "{v} 年"),
    "login_regularity": ("Sign-in days a month", "每月登录天数", "{v} days a month", "每月 {v} 天"),
    "ad_intensity": ("Advertising spend per ¥100 of sales", "每 ¥100 销售额的广告投入", "{v}", "{v}"),
    "community_activity": ("Community activity", "社区活跃度", "{v} posts a month", "每月 {v} 篇"),
    "favourites_per_order": ("Favourites per order", "每单收藏数", "{v}", "{v}"),
    "positive_review_rate": ("Positive-review rate", "好评率", "{v} %", "{v}%"),
    "shop_rating": ("Shop rating", "店铺评分", "{v} stars", "{v} 星"),
    "complaint_rate": ("Complaints per 100 orders", "每百单投诉数", "{v}", "{v}"),
}
_BETTER = {"sales_volatility": "lower", "refund_rate": "lower", "dispute_rate": "lower",
           "complaint_rate": "lower"}
_CATEGORIES = {"food": "食品", "home": "家居", "electronics": "数码电子", "beauty": "美妆", "toys": "玩具",
               "apparel": "服饰"}


def _factor_texts() -> dict[str, tuple[str, str]]:
    texts = {}
    for factor, (en, zh, en_unit, zh_unit) in _FACTORS.items():
        mine_en, typical_en = en_unit.format(v="{mine}"), en_unit.format(v="{typical}")
        mine_zh, typical_zh = zh_unit.format(v="{mine}"), zh_unit.format(v="{typical}")
        for side, en_word, zh_word in (("above", "above", "高于"), ("below", "below", "低于")):
            texts[f"staff.reason.{factor}.{side}"] = (
                f"{en} {mine_en}, {en_word} the {typical_en} typical on the platform",
                f"{zh} {mine_zh}，{zh_word}平台平均水平 {typical_zh}")
        better = _BETTER.get(factor, "higher")
        texts[f"staff.tip.{factor}.{better}"] = (
            f"{en}: {'lower' if better == 'lower' else 'higher'} than now (typical {typical_en})",
            f"{zh}：{'降低' if better == 'lower' else '提高'}（平台平均水平 {typical_zh}）")
    for category, zh in {"": "", **_CATEGORIES}.items():
        suffix, en_name, zh_name = (f".{category}", category, zh) if category else \
            ("", "{category}", "{category}")
        texts[f"staff.reason.industry.favoured{suffix}"] = (
            f"Category {en_name}: favoured by this season's industry and policy factor",
            f"类目（{zh_name}）：本季行业与政策因素利好")
        texts[f"staff.reason.industry.weighed_down{suffix}"] = (
            f"Category {en_name}: weighed down by this season's industry and policy factor",
            f"类目（{zh_name}）：本季行业与政策因素不利")
    return texts


_REASONS = {
    "staff.reason.certified.yes": ("Shop certified", "店铺已认证"),
    "staff.reason.certified.no": ("Shop not certified", "店铺未认证"),
    "staff.tip.certified.higher": (
        "Shop certification (most shops are certified)",
        "店铺认证（多数店铺已认证）"),
    "staff.reason.same_as_typical": (
        "This figure, {mine}, is the {typical} typical on the platform",
        "该项指标为 {mine}，与平台平均水平 {typical} 持平"),
    "staff.reason.repaid_on_time": (
        "Earlier loans repaid on time: {count}",
        "此前按时还清的贷款：{count} 笔"),
    "staff.reason.repaid_late": (
        "Earlier loans repaid late: {count}",
        "此前逾期后还清的贷款：{count} 笔"),
    "staff.tip.repaid_late": (
        "Every installment repaid by its due date",
        "每期按时还款"),
    "staff.reason.defaulted": (
        "Earlier loans more than 90 days past due: {count}",
        "此前逾期超过 90 天的贷款：{count} 笔"),
    "staff.tip.defaulted": (
        "A clean repayment record from now on",
        "今后保持良好的还款记录"),
    "staff.reason.declared_sales.match": (
        "Declared sales match the platform's: {annual} a year declared with {share} % on the platform, "
        "i.e. {implied}; the platform saw {observed} a year",
        "申报销售额与平台数据相符：申报年销售额 {annual}，其中 {share}% 来自平台，即 {implied}；"
        "平台记录的年销售额为 {observed}"),
    "staff.reason.declared_sales.prefilled": (
        "Declared sales are the platform's pre-filled figures ({observed} a year): a confirmation, no points",
        "申报销售额即平台预填数据（每年 {observed}）：仅作确认，不加分"),
    "staff.reason.self_declared_cap": (
        "Answers the platform cannot check (declared figures, questionnaire) do not raise the band: "
        "{capped} of their {points} points are not counted",
        "平台无法核实的申报内容（经营数据、问卷）不提高评级：其 {points} 分中有 {capped} 分不计入"),
    "staff.reason.declared_sales.mismatch": (
        "Declared sales disagree with the platform's: {annual} a year declared with {share} % on the "
        "platform, i.e. {implied}; the platform saw {observed} a year",
        "申报销售额与平台数据不符：申报年销售额 {annual}，其中 {share}% 来自平台，即 {implied}；"
        "平台记录的年销售额为 {observed}"),
    "staff.tip.declared_sales": (
        "Declared figures that match the platform's sales",
        "申报数据与平台销售额相符"),
    "staff.reason.leverage": (
        "Liabilities {share} % of assets",
        "负债为资产的 {share}%"),
    "staff.tip.leverage": (
        "Liabilities below {limit} % of assets",
        "负债低于资产的 {limit}%"),
    "staff.reason.declared_margin": (
        "Declared net margin {declared} % does not fit sales and costs ({implied} %)",
        "申报净利润率 {declared}% 与销售额和成本推算的利润率（{implied}%）不符"),
    "staff.tip.declared_margin": (
        "A net margin consistent with sales and costs",
        "净利润率与销售额和成本相符"),
    "staff.reason.concentration": (
        "{share} % of sales go to one customer",
        "{share}% 的销售额来自同一客户"),
    "staff.tip.concentration": (
        "A broader customer base",
        "更分散的客户群"),
    "staff.reason.questionnaire": (
        "Questionnaire answers average {mean} of 5",
        "问卷平均 {mean} 分（满分 5 分）"),
    "staff.tip.next_band": (
        "A score of {score} ({band}) would give a credit limit of {limit}",
        "评分达到 {score}（{band} 级）可获 {limit} 信用额度"),
}

_DECISIONS = {
    "decision.status.approved": ("Approved", "已批准"),
    "decision.status.manual_review": ("Manual review", "人工审核"),
    "decision.status.declined": ("Declined", "已拒绝"),
    "decision.status.ineligible": ("Not eligible", "不符合条件"),
    "decision.staff_tips": ("What would raise the limit", "提额因素"),
    "decision.staff_no_tips": ("At the top rating.", "已是最高评级。"),
}

_AUDIT = {
    "role.system": ("system", "系统"),
    "audit.action.sign_in": ("Signed in", "登录"),
    "audit.action.sign_in_failed": ("Sign-in refused", "登录失败"),
    "audit.action.locked_out": ("Locked out", "账号锁定"),
    "audit.action.activation": ("Login activated", "激活账号"),
    "audit.action.activation_failed": ("Activation refused", "激活失败"),
    "audit.action.login_issued": ("Login issued", "发放账号"),
    "audit.action.draw": ("Loan drawn", "借款"),
    "audit.action.repayment": ("Repayment", "还款"),
    "audit.action.decision": ("Credit decision", "授信决策"),
    "audit.action.review": ("Manual review", "人工审核"),
    "audit.action.setting_changed": ("Setting changed", "修改设置"),
    "audit.action.advance_days": ("Business date advanced", "推进营业日"),
    "audit.action.end_of_day": ("End of day", "日终"),
    "audit.subject.login": ("Login {value}", "账号 {value}"),
    "audit.subject.loan": ("Loan #{value}", "贷款 #{value}"),
    "audit.subject.decision": ("Decision #{value}", "决定 #{value}"),
    "audit.subject.seller": ("Seller #{value}", "卖家 #{value}"),
    "audit.subject.lender_funds": ("Lender funds", "可贷资金"),
    "audit.subject.nightly_pre_approval": ("Nightly pre-approval", "夜间预授信"),
    "audit.subject.days": ("{n} days", "{n} 天"),
    "audit.subject.dates": ("Business dates {dates}", "营业日 {dates}"),
    "audit.subject.as_is": ("{subject}", "{subject}"),
}

_REVERSAL = {  # views/corrections.py: choosing the payment to reverse (issue 16 item 12)
    "reversal.payments": (
        "Payments of loan #{loan_id} (seller #{seller_id} {seller}), newest first",
        "贷款 #{loan_id}（卖家 #{seller_id} {seller}）的还款，按时间由新到旧"),
    "reversal.no_payments": (
        "Loan #{loan_id} has no payment to reverse.",
        "贷款 #{loan_id} 没有可冲正的还款。"),
    "reversal.pick": (
        "Payment to reverse",
        "要冲正的还款"),
    "reversal.option": (
        "#{id} · {date} · {source} · {amount} · {status}",
        "还款 #{id} · {date} · {source} · {amount} · {status}"),
    "reversal.status.reversible": (
        "can be reversed",
        "可冲正"),
    "reversal.status.later_first": (
        "reverse the later payments first",
        "须先冲正之后的还款"),
    "reversal.status.reversed": (
        "reversed",
        "已冲正"),
    "reversal.later_first": (
        "Payment #{id} can be reversed only after the later payments of this loan: reversals go newest "
        "first (the next one is #{latest}).",
        "还款 #{id} 须在本贷款之后的还款冲正后才能冲正：冲正按时间由新到旧进行（下一笔为 #{latest}）。"),
    "reversal.reversed": (
        "Payment #{id} is already reversed.",
        "还款 #{id} 已冲正。"),
    "reversal.effect": (
        "If approved today ({date}), reversing payment #{id} would:",
        "如今日（{date}）获批，冲正还款 #{id} 将："),
    "reversal.owed_again": (
        "Owed again",
        "重新应还"),
    "reversal.owed_again_caption": (
        "penalty {penalty} · interest {interest} · principal {principal}",
        "罚息 {penalty} · 利息 {interest} · 本金 {principal}"),
    "reversal.payoff": (
        "Payoff after",
        "冲正后结清金额"),
    "reversal.outstanding": (
        "Outstanding principal after",
        "冲正后未还本金"),
    "reversal.due_now": (
        "Due now after",
        "冲正后当前应还"),
    "reversal.dpd": (
        "Days past due after",
        "冲正后逾期天数"),
    "reversal.before": (
        "now {value}",
        "当前 {value}"),
    "reversal.refund.lender_funds": (
        "{amount} goes back to the seller's own account, out of the lender's funds.",
        "{amount} 将从可贷资金退回卖家本人账户。"),
    "reversal.refund.seller_balance": (
        "{amount} goes back onto the seller's platform balance.",
        "{amount} 将退回卖家的平台余额。"),
    "reversal.reopens": (
        "The payment paid the loan off: the loan opens again.",
        "该笔还款结清了贷款：冲正后贷款重新变为在贷。"),
    "reversal.col.id": ("Payment", "还款"),
    "reversal.col.paid_on": ("Paid on", "还款日"),
    "reversal.col.source": ("Paid by", "还款方式"),
    "reversal.col.amount": ("Amount", "金额"),
    "reversal.col.penalty": ("Penalty", "罚息"),
    "reversal.col.interest": ("Interest", "利息"),
    "reversal.col.principal": ("Principal", "本金"),
    "reversal.col.status": ("Reversal", "冲正"),
}

_SOURCES = {  # who paid, as staff read it ("source.manual" says "By you" to the seller)
    "source_staff.manual": ("By the seller", "卖家主动还款"),
    "source_staff.settlement": ("Order settlement", "订单结算"),
    "source_staff.auto_debit": ("Auto-debit", "自动扣款"),
}

_SELLER_360 = {  # views/seller_360.py (issue 16 item 17)
    "nav.seller_360": ("Seller 360°", "卖家全景"),
    "seller360.title": ("Seller 360°", "卖家全景"),
    "seller360.caption": (
        "One seller in one place on {date}: loans, limits and the decision in force, monitoring events, "
        "collectors' contacts, corrections and documents.",
        "{date} 一位卖家的全部信息：贷款、额度与当前授信决定、监控事件、催收联系记录、账务调整和文件。"),
    "seller360.pick": ("Seller number", "卖家编号"),
    "seller360.pick_help": (
        "Or open a seller from any table that names one (collections, monitoring events, recovery plans).",
        "也可在列出卖家的任一表格中打开（催收、监控事件、信用恢复）。"),
    "seller360.none": ("Enter a seller number.", "请输入卖家编号。"),
    "seller360.open": ("Seller 360°: {name}", "卖家全景：{name}"),
    "seller360.identity": (
        "**{name}** (seller #{seller_id}) · resident ID {resident_id} · {verified} · shops: {shops}",
        "**{name}**（卖家 #{seller_id}）· 身份证 {resident_id} · {verified} · 店铺：{shops}"),
    "seller360.verified": ("real-name verified", "已实名认证"),
    "seller360.not_verified": ("not real-name verified", "未实名认证"),
    "seller360.blacklisted": (
        "Blacklisted since {date}: no new draws, limits zero.",
        "自 {date} 起列入黑名单：不得新借款，额度为零。"),
    "seller360.frozen": (
        "Undrawn limits frozen by an open warning or recall.",
        "因未结束的预警或提前收贷，未用额度已冻结。"),
    "seller360.rating": ("Rating", "评级"),
    "seller360.rating_caption": ("score {score} · {status} on {date}", "评分 {score} · {date} {status}"),
    "seller360.no_rating": ("no decision yet", "尚无授信决定"),
    "seller360.credit": ("Credit limit", "信用额度"),
    "seller360.credit_caption": ("available now {available}", "当前可借 {available}"),
    "seller360.order": ("Order-loan limit", "订单贷款额度"),
    "seller360.order_caption": ("advance rate {rate} · available now {available}",
                                "放款比例 {rate} · 当前可借 {available}"),
    "seller360.outstanding": ("Outstanding principal", "未还本金"),
    "seller360.outstanding_caption": ("{open} open of {loans} loans", "共 {loans} 笔，{open} 笔在贷"),
    "seller360.due_now": ("Due now", "当前应还"),
    "seller360.due_now_caption": ("{dpd} days past due at worst", "最长逾期 {dpd} 天"),
    "seller360.recovery": (
        "Recovery plan #{plan_id} (loan #{loan_id}): {paid}/{months} installments paid, {streak} on time "
        "in a row; limits capped at {cap_pct} % until {cap_until}.",
        "信用恢复计划 #{plan_id}（贷款 #{loan_id}）：已还 {paid}/{months} 期，连续按时 {streak} 期；"
        "{cap_until} 前额度为 {cap_pct}%。"),
    "seller360.tab.loans": ("Loans ({n})", "贷款（{n}）"),
    "seller360.tab.decision": ("Limits and decision", "额度与授信"),
    "seller360.tab.events": ("Events ({n})", "监控事件（{n}）"),
    "seller360.tab.contacts": ("Contacts ({n})", "联系记录（{n}）"),
    "seller360.tab.corrections": ("Corrections ({n})", "账务调整（{n}）"),
    "seller360.tab.documents": ("Documents ({n})", "文件（{n}）"),
    "seller360.no_loans": ("No loans.", "暂无贷款。"),
    "seller360.no_events": ("No warning or recall.", "暂无预警或提前收贷。"),
    "seller360.no_contacts": ("No contact logged.", "暂无联系记录。"),
    "seller360.no_corrections": ("No correction.", "暂无账务调整。"),
    "seller360.no_documents": ("No document yet.", "暂无文件。"),
    "seller360.col.loan": ("Loan", "贷款"),
    "seller360.col.status": ("Status", "状态"),
    "seller360.col.decided_by": ("Decided by", "审批人"),
    "seller360.col.decided_on": ("Decided", "审批日期"),
    "seller360.col.kind": ("Document", "文件"),
    "seller360.col.no": ("No.", "编号"),
    "seller360.col.on": ("Date", "日期"),
    "seller360.col.amount": ("Amount", "金额"),
    "seller360.col.version": ("Agreement version", "协议版本"),
    "seller360.doc.agreement": ("Loan agreement", "借款协议"),
    "seller360.doc.receipt": ("Payment receipt", "还款凭证"),
    "seller360.doc.pick": ("Document to download", "要下载的文件"),
    "seller360.doc.option": ("{kind} #{id} · {date} · loan #{loan_id}",
                             "{kind} #{id} · {date} · 贷款 #{loan_id}"),
    "seller360.doc.download": ("Download PDF", "下载 PDF"),
    "correction.status.proposed": ("Waiting for approval", "待审批"),
    "correction.status.approved": ("Approved", "已批准"),
    "correction.status.rejected": ("Rejected", "已驳回"),
}

STAFF_TEXTS: dict[str, tuple[str, str]] = {**_factor_texts(), **_REASONS, **_DECISIONS, **_AUDIT, **_REVERSAL,
                                           **_SOURCES, **_SELLER_360}
