"""Texts of the back office (product §3): its services' refusals and its pages' labels,
key → (English, 简体中文). Parameters are filled in already formatted (money ¥1,234.56,
dates ISO, shares as percent text)."""

_NAV = {
    "nav.section.backoffice": (
        "Back office",
        "后台管理"),
    "nav.overview": (
        "Overview",
        "工作台"),
    "nav.review_queue": (
        "Review queue",
        "人工审核"),
    "nav.collections": (
        "Collections",
        "催收"),
    "nav.portfolio": (
        "Portfolio",
        "资产组合"),
    "nav.model_report": (
        "Model report",
        "模型报告"),
    "nav.settings": (
        "Settings",
        "产品设置"),
    "dpd.current": (
        "Current",
        "正常"),
    "dpd.bucket": (
        "{bucket} days past due",
        "逾期 {bucket} 天"),
}

_OVERVIEW = {
    "overview.title": (
        "Overview",
        "工作台"),
    "overview.caption": (
        "The work waiting on {date}. Days past due as of the last end of day.",
        "{date} 待处理的工作。逾期天数以最近一次日终为准。"),
    "overview.review_queue": (
        "Waiting for review",
        "待人工审核"),
    "overview.review_caption": (
        "manual-review decisions (score 580–599)",
        "人工审核决定（评分 580–599）"),
    "overview.in_collections": (
        "In collections",
        "催收中"),
    "overview.collections_caption": (
        "open loans past due",
        "逾期的在贷贷款"),
    "overview.bucket_caption": (
        "{outstanding} outstanding",
        "未还本金 {outstanding}"),
    "overview.go_review": (
        "Open the review queue",
        "打开人工审核"),
    "overview.go_collections": (
        "Open collections",
        "打开催收"),
    "overview.go_portfolio": (
        "Open the portfolio dashboard",
        "打开资产组合"),
}

_QUEUE = {
    "queue.title": (
        "Review queue",
        "人工审核"),
    "queue.caption": (
        "Sellers scoring 580–599 wait here. Approve with the limits of BB, or a lower credit "
        "limit, or decline; both need a note. The seller's limits change at once.",
        "评分 580–599 的卖家在此等待。可按"
        " BB 级额度或更低的信用额度批准，或拒绝；两者都需填写备注。"
        "卖家的额度立即生效。"),
    "queue.empty": (
        "No decision is waiting for review.",
        "目前没有待审核的决定。"),
    "queue.waiting": (
        "{n} waiting, oldest first.",
        "共 {n} 个待审核，按时间先后排列。"),
    "queue.pick": (
        "Decision",
        "决定"),
    "queue.option": (
        "#{id} · {seller} · score {score} · {date}",
        "#{id} · {seller} · 评分 {score} · {date}"),
    "queue.seller": (
        "**{name}** (seller #{seller_id}) · shops: {shops}",
        "**{name}**（卖家 #{seller_id}）· 店铺：{shops}"),
    "queue.limit": (
        "Credit limit if approved (¥)",
        "批准后的信用额度（¥）"),
    "queue.limit_help": (
        "At most the BB limit, {limit}. Leave empty to give the BB limit.",
        "最多为 BB 级额度 {limit}。留空即按 BB 级额度。"),
    "queue.note": (
        "Note (required)",
        "备注（必填）"),
    "queue.approve": (
        "Approve",
        "批准"),
    "queue.decline": (
        "Decline",
        "拒绝"),
    "queue.approved": (
        "Decision #{id}: approved at {band}, credit limit {limit}. The seller's limits have changed.",
        "决定 #{id}：已按 {band} 级批准，信用额度 {limit}。卖家额度已更新。"),
    "queue.declined": (
        "Decision #{id}: declined. The seller's limits are now zero.",
        "决定 #{id}：已拒绝。卖家额度现为零。"),
}

_COLLECTIONS = {
    "coll.title": (
        "Collections",
        "催收"),
    "coll.caption": (
        "Open loans past due on {date}, by days past due. Arrears are the loan engine's: "
        "overdue principal, overdue interest and penalty owed today.",
        "{date} 逾期的在贷贷款，按逾期天数分组。欠款由贷款引擎计算：今日逾期本金、逾期利息和应付罚息。"),
    "coll.tab": (
        "{bucket} days ({n})",
        "{bucket} 天（{n}）"),
    "coll.empty": (
        "No loan in this bucket.",
        "该区间没有贷款。"),
    "coll.total": (
        "{n} loans · arrears {arrears} · outstanding principal {outstanding}",
        "{n} 笔贷款 · 欠款 {arrears} · 未还本金 {outstanding}"),
    "coll.download": (
        "Download CSV",
        "下载 CSV"),
    "coll.col.loan": (
        "Loan",
        "贷款"),
    "coll.col.seller": (
        "Seller",
        "卖家"),
    "coll.col.shop": (
        "Shop",
        "店铺"),
    "coll.col.product": (
        "Product",
        "产品"),
    "coll.col.days_late": (
        "Days late",
        "逾期天数"),
    "coll.col.overdue_principal": (
        "Overdue principal",
        "逾期本金"),
    "coll.col.overdue_interest": (
        "Overdue interest",
        "逾期利息"),
    "coll.col.penalty": (
        "Penalty owed",
        "应付罚息"),
    "coll.col.arrears": (
        "Arrears",
        "欠款合计"),
    "coll.col.outstanding": (
        "Outstanding principal",
        "未还本金"),
    "coll.col.last_contact": (
        "Last contact",
        "最近联系"),
    "coll.col.promise": (
        "Promise to pay",
        "承诺还款日"),
    "coll.col.date": (
        "Business date",
        "营业日"),
    "coll.col.by": (
        "By",
        "记录人"),
    "coll.col.note": (
        "Note",
        "备注"),
    "coll.log_title": (
        "Contact log",
        "联系记录"),
    "coll.loan_pick": (
        "Loan",
        "贷款"),
    "coll.loan_option": (
        "#{id} · {seller} · {days} days late · arrears {arrears}",
        "#{id} · {seller} · 逾期 {days} 天 · 欠款 {arrears}"),
    "coll.note": (
        "What was said",
        "联系内容"),
    "coll.has_promise": (
        "The seller promised to pay by a date",
        "卖家承诺在某日前还款"),
    "coll.promise": (
        "Promise-to-pay date",
        "承诺还款日"),
    "coll.save": (
        "Log contact",
        "记录联系"),
    "coll.logged": (
        "Contact logged for loan #{id}.",
        "已记录贷款 #{id} 的联系。"),
    "coll.no_contacts": (
        "No contact logged for this loan yet.",
        "该贷款尚无联系记录。"),
    "collections.note_required": (
        "Write what was said: a contact needs a note.",
        "请填写联系内容：联系记录需要备注。"),
    "collections.no_open_loan": (
        "There is no open loan #{loan_id}.",
        "没有在贷的贷款 #{loan_id}。"),
    "collections.promise_range": (
        "A promise-to-pay date must be from {today} to {days} days later.",
        "承诺还款日须在 {today} 至其后 {days} 天之内。"),
}

_PORTFOLIO = {
    "port.title": (
        "Portfolio",
        "资产组合"),
    "port.caption": (
        "The whole book on {date}. Days past due and the NPL ratio are as of the last end of day.",
        "{date} 的全部贷款。逾期天数与不良率以最近一次日终为准。"),
    "port.outstanding": (
        "Outstanding principal",
        "未还本金"),
    "port.disbursed": (
        "Disbursed to date",
        "累计放款"),
    "port.loans": (
        "Loans",
        "贷款笔数"),
    "port.loans_caption": (
        "{open} open",
        "{open} 笔在贷"),
    "port.average": (
        "Average ticket",
        "笔均金额"),
    "port.per_day": (
        "Loans per day",
        "日均放款笔数"),
    "port.per_day_caption": (
        "average of the last 30 days",
        "最近 30 天平均"),
    "port.npl": (
        "NPL ratio",
        "不良率"),
    "port.npl_caption": (
        "reference {reference} · {amount} non-performing",
        "参考值 {reference} · 不良本金 {amount}"),
    "port.capacity": (
        "Lender capacity used",
        "可贷资金使用率"),
    "port.capacity_caption": (
        "{outstanding} of {funds}",
        "{funds} 中已用 {outstanding}"),
    "port.interest": (
        "Interest income",
        "利息收入"),
    "port.penalty": (
        "Penalty income",
        "罚息收入"),
    "port.income_caption": (
        "to date, from the ledger",
        "累计，取自总账"),
    "port.definitions": (
        "Definitions",
        "指标定义"),
    "port.definitions_text": (
        "- **NPL ratio** = outstanding principal of open loans more than 90 days past due ÷ outstanding "
        "principal of all open loans (the source's reference figure: 0.72 %).\n"
        "- **Days past due** = the business date − a loan's oldest unpaid due date, written on every "
        "open loan by the end of day.\n"
        "- **Vintage** = the loans drawn in one calendar month; its bad rate is the share of them ever "
        "more than 30 days past due. Recent months have had less time to go bad.\n"
        "- **Loans per day** = loans drawn in the 30 days before the business date ÷ 30.\n"
        "- **Income** = credits − debits of the ledger's interest income and penalty income accounts.\n"
        "- **Lender capacity used** = outstanding principal ÷ loanable funds (registered capital + bank "
        "lines).",
        "- **不良率** = 逾期超过 90 天的在贷贷款未还本金 ÷ 全部在贷贷款未还本金（来源参考值：0.72%）。\n"
        "- **逾期天数** = 营业日 − 贷款最早未还清的到期日，由日终写入每笔在贷贷款。\n"
        "- **账龄组（Vintage）** = 同一自然月放款的贷款；其坏账率为其中曾逾期超过 30 天的占比。"
        "近几个月的贷款发生逾期的时间较短。\n"
        "- **日均放款笔数** = 营业日前 30 天的放款笔数 ÷ 30。\n"
        "- **收入** = 总账利息收入与罚息收入科目的贷方 − 借方。\n"
        "- **可贷资金使用率** = 未还本金 ÷ 可贷资金（注册资本 + 银行授信）。"),
    "port.chart.dpd": (
        "Outstanding principal by days past due",
        "按逾期天数的未还本金"),
    "port.chart.dpd_x": (
        "Days past due",
        "逾期天数"),
    "port.chart.amount": (
        "Amount",
        "金额"),
    "port.chart.loans_hover": (
        "loans",
        "笔"),
    "port.chart.draws": (
        "Loans drawn per day (last 90 days)",
        "每日放款笔数（最近 90 天）"),
    "port.chart.day": (
        "Business date",
        "营业日"),
    "port.chart.loans": (
        "Loans",
        "笔数"),
    "port.chart.vintage": (
        "Vintages: share ever more than 30 days past due, by draw month",
        "账龄分析：按放款月份，曾逾期超过 30 天的占比"),
    "port.chart.month": (
        "Draw month",
        "放款月份"),
    "port.chart.bad_rate": (
        "Bad rate",
        "坏账率"),
    "port.chart.income": (
        "Interest and penalty income by month",
        "按月利息与罚息收入"),
    "port.chart.income_month": (
        "Month",
        "月份"),
}

_MODEL = {
    "mr.title": (
        "Model report",
        "模型报告"),
    "mr.caption": (
        "Model {version}: {loans} realised loans, each scored as of its draw date, {bads} of them bad "
        "(ever more than 30 days past due).",
        "模型 {version}：{loans} 笔已有结果的贷款，均按"
        "放款日评分，其中 {bads} 笔为坏账（曾逾期超过 30 天）。"),
    "mr.auc": (
        "AUC (hold-out)",
        "AUC（留出样本）"),
    "mr.ks": (
        "KS (hold-out)",
        "KS（留出样本）"),
    "mr.holdout_caption": (
        "{loans} loans, {bads} bad",
        "{loans} 笔，{bads} 笔坏账"),
    "mr.train_caption": (
        "training: {value}",
        "训练样本：{value}"),
    "mr.approval": (
        "Approval rate",
        "通过率"),
    "mr.approval_caption": (
        "score at least the BB cut-off",
        "评分达到 BB 级门槛"),
    "mr.psi": (
        "Population stability (PSI)",
        "群体稳定性指数（PSI）"),
    "mr.psi_caption": (
        "{today} latest scores against {fit} at fit time",
        "{today} 个最新评分对比拟合时的 {fit} 个"),
    "mr.psi.stable": (
        "PSI {psi}: stable (below 0.1).",
        "PSI {psi}：稳定（低于 0.1）。"),
    "mr.psi.shift": (
        "PSI {psi}: some shift (0.1 to 0.25); watch it.",
        "PSI {psi}：有一定偏移（0.1 至 0.25），需关注。"),
    "mr.psi.refit": (
        "PSI {psi}: a large shift (above 0.25); consider refitting the model.",
        "PSI {psi}：偏移较大（高于 0.25），建议重新拟合模型。"),
    "mr.psi_definition": (
        "PSI compares today's scores — each seller's latest decision, ineligible sellers left out — "
        "with the scores at fit time — the training sellers' realised loans scored as of their draw "
        "dates. The bins are the rating bands' score ranges (below 580, 580–599, then one per band). "
        "With e and a the shares of a bin at fit time and today, PSI = Σ (a − e) · ln(a / e); an empty "
        "bin counts as 0.01 %.",
        "PSI 将今日评分（每个卖家的最新决定，不含不符合条件者）与拟合时的评分（训练样本卖家已有结果的贷款，"
        "按放款日评分）进行比较。分箱即评级的分数区间（低于 580"
        "、580–599，以及每个评级一个）。设 e、a 为某分箱"
        "在拟合时和今日的占比，PSI = Σ (a − e) · ln(a / e)；空分箱按 0.01% 计。"),
    "mr.chart.distribution": (
        "Score distribution of the realised loans",
        "已有结果贷款的评分分布"),
    "mr.chart.score": (
        "Score",
        "评分"),
    "mr.chart.loans": (
        "Loans",
        "笔数"),
    "mr.chart.bands": (
        "Bad rate by rating band",
        "各评级坏账率"),
    "mr.chart.band": (
        "Rating band",
        "评级"),
    "mr.chart.bad_rate": (
        "Bad rate",
        "坏账率"),
    "mr.chart.psi": (
        "Score shares: fit time and today",
        "评分占比：拟合时与今日"),
    "mr.chart.share": (
        "Share",
        "占比"),
    "mr.chart.fit": (
        "Fit time",
        "拟合时"),
    "mr.chart.today": (
        "Today",
        "今日"),
    "mr.col.band": (
        "Band",
        "评级"),
    "mr.col.loans": (
        "Loans",
        "笔数"),
    "mr.col.approved": (
        "Approved",
        "批准"),
    "mr.col.bad": (
        "Bad",
        "坏账"),
    "mr.col.bad_rate": (
        "Bad rate",
        "坏账率"),
}

_SETTINGS = {
    "settings.title": (
        "Product settings",
        "产品设置"),
    "settings.caption": (
        "Changes apply to new draws and new ratings only: an open loan keeps the rates and terms it was "
        "drawn with. Every change is recorded in the trail below.",
        "修改仅适用于新借款和新评级：在贷贷款保持借款时的利率和"
        "期限。每次修改都记录在下方的变更记录中。"),
    "settings.group.rates": (
        "Rates",
        "利率"),
    "settings.group.terms": (
        "Credit terms",
        "信用贷款期限"),
    "settings.group.bands": (
        "Rating bands — AAA, AA, A, BBB, BB",
        "评级 — AAA、AA、A、BBB、BB"),
    "settings.group.funds": (
        "Lender funds",
        "可贷资金"),
    "settings.default": (
        "Default: {value}",
        "默认值：{value}"),
    "settings.save": (
        "Save changes",
        "保存修改"),
    "settings.saved": (
        "{n} settings changed.",
        "已修改 {n} 项设置。"),
    "settings.unchanged": (
        "Nothing changed.",
        "没有修改。"),
    "settings.trail": (
        "Change trail",
        "变更记录"),
    "settings.trail_empty": (
        "No setting has been changed yet.",
        "尚无设置变更。"),
    "settings.col.when": (
        "When (UTC)",
        "时间（UTC）"),
    "settings.col.business_date": (
        "Business date",
        "营业日"),
    "settings.col.who": (
        "Who",
        "操作人"),
    "settings.col.setting": (
        "Setting",
        "设置项"),
    "settings.col.old": (
        "Old value",
        "原值"),
    "settings.col.new": (
        "New value",
        "新值"),
    "settings.name.order_daily_rate": (
        "Order loan daily rate",
        "订单贷款日利率"),
    "settings.name.credit_daily_rate": (
        "Credit loan daily rate",
        "信用贷款日利率"),
    "settings.name.penalty_multiplier": (
        "Penalty multiplier",
        "罚息倍数"),
    "settings.name.credit_term_months": (
        "Credit terms (months)",
        "信用贷款期限（月）"),
    "settings.name.band_cut_offs": (
        "Score cut-offs",
        "评分门槛"),
    "settings.name.credit_multiples": (
        "Credit limit multiples (× monthly sales)",
        "信用额度倍数（× 月均销售额）"),
    "settings.name.advance_rates": (
        "Order advance rates",
        "订单贷款折扣率"),
    "settings.name.registered_capital": (
        "Registered capital (¥)",
        "注册资本（¥）"),
    "settings.name.bank_credit_lines": (
        "Bank credit lines (¥)",
        "银行授信（¥）"),
    "settings.help.order_daily_rate": (
        "A daily rate as a fraction: 0.0005 is 0.05 % a day"
        ". More than 0 and at most 0.001, up to 6 decimals.",
        "以小数表示的日利率：0.0005 即日利率 0.05%。须大于 0 且不超过 0.001，最多 6 位小数。"),
    "settings.help.credit_daily_rate": (
        "A daily rate as a fraction: 0.0006 is 0.06 % a day"
        ". More than 0 and at most 0.001, up to 6 decimals.",
        "以小数表示的日利率：0.0006 即日利率 0.06%。须大于 0 且不超过 0.001，最多 6 位小数。"),
    "settings.help.penalty_multiplier": (
        "Penalty rate = daily rate × this; from 1.3 to 1.5 (the PBoC band of +30 % to +50 %).",
        "罚息利率 = 日利率 × 该倍数；1.3 至 1.5（人民银行 +30% 至 +50% 的区间）。"),
    "settings.help.credit_term_months": (
        "The terms a credit loan may be drawn for, separated by commas: any of 1, 3, 6, 9, 12.",
        "信用贷款可选期限，用逗号分隔：可选 1、3、6、9、12。"),
    "settings.help.band_cut_offs": (
        "The lowest score of each band, AAA first: five whole numbers, strictly descending, from 581 to 950.",
        "各评级的最低分，AAA 在前：五个整数，严格递减，介于 581 至 950。"),
    "settings.help.credit_multiples": (
        "Credit limit = multiple × average monthly sales, AAA first: five numbers, more than 0, at most 5, "
        "never rising from AAA to BB.",
        "信用额度 = 倍数 × 月均销售额，AAA 在前：五个数，大于 0、不超过 5，从 AAA 到 BB 不递增。"),
    "settings.help.advance_rates": (
        "Share of eligible order value lent, AAA first: five fractions, more than 0, at most 1, never rising "
        "from AAA to BB.",
        "订单金额的可贷比例，AAA 在前：五个小数，大于 0、不超过 1，从 AAA 到 BB 不递增。"),
    "settings.help.registered_capital": (
        "The lender's registered capital; loans are funded from it and from the bank lines.",
        "放贷机构的注册资本；贷款资金来自注册资本及银行授信。"),
    "settings.help.bank_credit_lines": (
        "Bank credit lines; at most 50 % of the registered capital. 0 for none.",
        "银行授信额度；不超过注册资本的 50%。无则填 0。"),
    "settings.refused.not_a_number": (
        "{name}: “{value}” is not a number.",
        "{name}：“{value}”不是数字。"),
    "settings.refused.places": (
        "{name}: “{value}” must be a number with at most {places} decimals.",
        "{name}：“{value}”须为最多 {places} 位小数的数字。"),
    "settings.refused.daily_rate": (
        "{name}: a daily rate must be more than 0 and at most {maximum}; “{value}” is not.",
        "{name}：日利率须大于 0 且不超过 {maximum}，“{value}”不符合。"),
    "settings.refused.penalty": (
        "The penalty multiplier must be from {low} to {high}; “{value}” is not.",
        "罚息倍数须在 {low} 至 {high} 之间，“{value}”不符合。"),
    "settings.refused.terms": (
        "Credit terms must be different months among {allowed}, separated by commas; “{value}” is not.",
        "信用贷款期限须为 {allowed} 中互不相同的月数，用逗号分隔，“{value}”不符合。"),
    "settings.refused.per_band": (
        "{name}: give {count} values, one per band ({bands}), separated by commas.",
        "{name}：须填写 {count} 个值，每个评级一个（{bands}），用逗号分隔。"),
    "settings.refused.cut_offs": (
        "Score cut-offs must descend strictly from AAA to BB, each from {low} to {high}; “{value}” does not.",
        "评分门槛须从 AAA 到 BB 严格递减，且每个在 {low} 至 {high} 之间，“{value}”不符合。"),
    "settings.refused.shares": (
        "{name}: each value must be more than 0 and at most {maximum}, never rising from AAA to BB; "
        "“{value}” is not.",
        "{name}：每个值须大于 0 且不超过 {maximum}，从 AAA 到 BB 不递增，“{value}”不符合。"),
    "settings.refused.money": (
        "{name}: “{value}” is not an amount.",
        "{name}：“{value}”不是有效金额。"),
    "settings.refused.bank_lines": (
        "Bank credit lines of {lines} are more than 50 % of"
        " the registered capital {capital} (at most {cap}).",
        "银行授信 {lines} 超过注册资本 {capital} 的 50%（最多 {cap}）。"),
    "settings.refused.unknown": (
        "There is no setting “{name}”.",
        "没有名为“{name}”的设置。"),
}

_EOD = {
    "eod.runs": (
        "Latest end-of-day runs",
        "最近的日终运行"),
    "eod.no_runs": (
        "No end of day has run yet.",
        "尚未运行过日终。"),
    "eod.last_completed": (
        "Last completed run",
        "最近完成的日终"),
    "eod.col.date": (
        "Business date",
        "营业日"),
    "eod.col.status": (
        "Status",
        "状态"),
    "eod.col.steps": (
        "Steps done",
        "已完成步骤"),
    "eod.col.started": (
        "Started (UTC)",
        "开始时间（UTC）"),
    "eod.col.finished": (
        "Finished (UTC)",
        "完成时间（UTC）"),
    "eod.status.started": (
        "started, not finished",
        "已开始，未完成"),
    "eod.status.completed": (
        "completed",
        "已完成"),
}

BACKOFFICE_TEXTS: dict[str, tuple[str, str]] = {
    **_NAV, **_OVERVIEW, **_QUEUE, **_COLLECTIONS, **_PORTFOLIO, **_MODEL, **_SETTINGS, **_EOD,
}
