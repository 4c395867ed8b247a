"""Texts of the lender's books (issue #18): classification and allowance settings, month-end
close, the reports. Key → (English, 简体中文)."""

BOOKS_TEXTS: dict[str, tuple[str, str]] = {
    # --- settings (app.services.store.product_settings) ---
    "settings.name.classification_dpd": (
        "Classification: highest DPD of pass, special mention, substandard, doubtful",
        "五级分类：正常、关注、次级、可疑的最高逾期天数"),
    "settings.help.classification_dpd": (
        "Four whole numbers, strictly rising, separated by commas (default 0, 90, 180, 360); "
        "a loan past the last is loss.",
        "四个严格递增的整数，用逗号分隔（默认 0, 90, 180, 360）；超过最后一个为损失类。"),
    "settings.refused.classification_dpd": (
        "Classification thresholds: give four whole numbers from 0, strictly rising; “{value}” is not.",
        "五级分类门槛：须填写四个从 0 起严格递增的整数，“{value}”不符合。"),
    "settings.name.allowance_rates": (
        "Allowance rates (%): pass, special mention, substandard, doubtful, loss",
        "贷款损失准备计提比例（%）：正常、关注、次级、可疑、损失"),
    "settings.help.allowance_rates": (
        "Five percentages from 0 to 100, never falling, separated by commas (default 1, 2, 25, 50, 100).",
        "五个 0 至 100 之间、不递减的百分比，用逗号分隔（默认 1, 2, 25, 50, 100）。"),
    "settings.refused.allowance_rates": (
        "Allowance rates: give five percentages from 0 to 100, never falling; “{value}” is not.",
        "计提比例：须填写五个 0 至 100 之间、不递减的百分比，“{value}”不符合。"),

    "settings.name.bank_line_daily_rate": (
        "Bank line daily interest rate (funding cost)",
        "银行授信日利率（资金成本）"),
    "settings.help.bank_line_daily_rate": (
        "What the drawn part of the bank lines costs a day, as a fraction: 0.00012 is 0.012 % a day "
        "(4.38 % a year). More than 0 and at most 0.001. Lines are drawn only once capital is used up.",
        "已动用银行授信每日的利息成本，以小数表示：0.00012 即日利率 0.012%（年化 4.38%）。须大于 0 且不超过 "
        "0.001。仅在注册资本用尽后才动用银行授信。"),
    "settings.name.ecl_lgd": (
        "Loss given default of the expected-credit-loss view",
        "预期信用损失视图的违约损失率"),
    "settings.help.ecl_lgd": (
        "The share of a defaulted balance expected to be lost, more than 0 and at most 1 (default 0.45).",
        "违约余额中预计损失的比例，须大于 0 且不超过 1（默认 0.45）。"),
    "settings.refused.share": (
        "{name}: “{value}” must be a share more than 0 and at most 1, up to 4 decimals.",
        "{name}：“{value}”须为大于 0 且不超过 1 的比例，最多 4 位小数。"),
    "books.value.funding_expense": ("Funding cost (bank lines)", "资金成本（银行授信利息）"),

    # --- month-end close (app.services.books.close) ---
    "close.month_invalid": (
        "“{month}” is not a month; give it as 2026-03.",
        "“{month}”不是有效月份，格式如 2026-03。"),
    "close.already_closed": (
        "{month} is closed already; a month is closed once.",
        "{month} 已结账，每月只结账一次。"),
    "close.not_reached": (
        "{month} cannot be closed yet: end of day has not run for its last day, {last}.",
        "{month} 尚不能结账：其最后一天 {last} 的日终尚未运行。"),
    "close.earlier_open": (
        "Close {earlier} first: months are closed in order.",
        "请先结账 {earlier}：须按月份顺序结账。"),
    "close.posting_refused": (
        "Nothing can be posted on {date}: the books are closed through {closed_through}. "
        "Post the correction in the open period, referring to the original.",
        "无法在 {date} 记账：账簿已结账至 {closed_through}。请在未结账期间记账更正，并注明原始记录。"),
    # --- reports (app.services.back_office.reports) ---
    "report.needs_on": (
        "The {name} report is of one date: give it (--on).",
        "报表 {name} 针对某一日期，请给出日期（--on）。"),
    "report.needs_period": (
        "The {name} report is of a period: give its first and last day (--from, --to), "
        "the first not after the last.",
        "报表 {name} 针对一段期间，请给出起止日期（--from、--to），且起始日不晚于结束日。"),
    "report.not_a_date": (
        "“{value}” is not a date of the books (2000 to 2999); give one like 2026-03-31.",
        "“{value}”不是有效的账簿日期（2000 至 2999 年），格式如 2026-03-31。"),
    "report.backwards": (
        "The period from {start} to {end} ends before it starts.",
        "期间 {start} 至 {end} 的结束日早于起始日。"),
    "report.unknown_account": (
        "There is no account “{account}”; the accounts are {accounts}.",
        "没有科目“{account}”；科目为 {accounts}。"),
    "report.needs_account": (
        "The general ledger is of one account: give it (--account).",
        "总账针对一个科目，请给出科目（--account）。"),
    "report.unknown": (
        "There is no report “{name}”; the reports are {names}.",
        "没有报表“{name}”；可用报表为 {names}。"),
    "audit.action.write_off_recovery": ("Recovered after write-off", "核销后收回"),
    "audit.action.month_closed": ("Month closed", "月末结账"),
    "recovery_income.refused.not_written_off": (
        "Loan #{loan_id} was not written off; money it receives is a repayment.",
        "贷款 #{loan_id} 未核销，收到的款项应作为还款处理。"),
    "recovery_income.refused.too_much": (
        "{amount} is more than what is left to recover on loan #{loan_id} ({left}).",
        "{amount} 超过贷款 #{loan_id} 尚可收回的金额（{left}）。"),
    # --- the Books page (views/books.py, components/books.py) ---
    "nav.books": ("Books", "账簿"),
    "books.title": ("Books", "账簿"),
    "books.caption": (
        "The lender's statements from the journal, as of the dates chosen; classification figures are "
        "those of the last end of day on or before the date. Download any report as CSV or XLSX.",
        "根据日记账生成的出借人报表；五级分类数据取所选日期当日或之前最近一次日终的结果。"
        "各报表均可下载为 CSV 或 XLSX。"),
    "books.report": ("Report", "报表"),
    "books.ecl_caption": (
        "As of the last end of day. Stage 3: > 90 days past due; stage 2: > 30, or a warning or recall; "
        "stage 1: the rest. PD per rating band from realised loans; ECL = EAD × PD × LGD "
        "(docs/accounting.md). A view beside the regulatory allowance: nothing is posted from it.",
        "截至最近一次日终。阶段三：逾期超过 90 天；阶段二：逾期超过 30 天，或处于预警、提前收贷；"
        "阶段一：其余贷款。各评级的违约概率取自已实现的贷款结果；预期信用损失 = EAD × PD × LGD"
        "（见 docs/accounting.md）。仅为监管拨备之外的参考视图，不据此记账。"),
    "books.report.trial-balance": ("Trial balance", "试算平衡表"),
    "books.report.income": ("Income statement", "利润表"),
    "books.report.balance-sheet": ("Balance sheet", "资产负债表"),
    "books.report.classification": ("Loan classification and allowance", "五级分类与贷款损失准备"),
    "books.report.general-ledger": ("General ledger of one account", "科目总账"),
    "books.report.journal": ("Journal", "日记账"),
    "books.report.ecl": ("Expected credit loss (IFRS 9 view)", "预期信用损失（IFRS 9 视图）"),
    "books.on": ("On", "日期"),
    "books.from": ("From", "起始日"),
    "books.to": ("To", "结束日"),
    "books.account": ("Account", "科目"),
    "books.download_csv": ("Download CSV", "下载 CSV"),
    "books.download_xlsx": ("Download XLSX", "下载 XLSX"),
    "books.close_title": ("Month-end close", "月末结账"),
    "books.close_help": (
        "Closing a month stores its statements and freezes it: nothing can be posted with a date in "
        "it afterwards. Only after end of day has run for its last day; months close in order, once.",
        "结账后将保存该月报表并冻结该月：此后任何日期在该月内的记账都会被拒绝。须在该月最后一天的日终"
        "完成后进行；按月份顺序结账，每月一次。"),
    "books.month": ("Month (YYYY-MM)", "月份（YYYY-MM）"),
    "books.close": ("Close the month", "结账"),
    "books.closed_months": (
        "Closed months: {months}. The books are closed through {through}: nothing can be posted on or "
        "before that date, and reports of those dates equal the statements stored at the close.",
        "已结账月份：{months}。账簿已结账至 {through}：该日及之前不能再记账，"
        "这些日期的报表与结账时保存的报表一致。"),
    "books.closed": ("{month} is closed through {through}.", "{month} 已结账至 {through}。"),
    "books.col.account": ("Account", "科目"),
    "books.col.kind": ("Kind", "类别"),
    "books.col.debit": ("Debit", "借方"),
    "books.col.credit": ("Credit", "贷方"),
    "books.col.line": ("Line", "项目"),
    "books.col.amount": ("Amount", "金额"),
    "books.col.section": ("Section", "类别"),
    "books.col.row": ("Row", "行"),
    "books.col.category": ("Category", "分类"),
    "books.col.chinese": ("中文", "中文"),
    "books.col.loans": ("Loans", "笔数"),
    "books.col.balance": ("Balance", "余额"),
    "books.col.rate": ("Rate", "计提比例"),
    "books.col.coverage": ("Coverage (allowance ÷ NPL)", "拨备覆盖率（准备 ÷ 不良贷款）"),
    "books.col.provision_ratio": ("Provision ratio (allowance ÷ loans)", "贷款拨备率（准备 ÷ 贷款）"),
    "books.col.allowance": ("Allowance", "贷款损失准备"),
    "books.col.date": ("Date", "日期"),
    "books.col.entry": ("Entry", "凭证"),
    "books.col.memo": ("Memo", "摘要"),
    "books.col.loan": ("Loan", "贷款"),
    "books.col.seller": ("Seller", "商家"),
    "books.col.stage_or_band": ("Stage or band", "阶段或评级"),
    "books.col.ead": ("Exposure (EAD)", "违约风险敞口（EAD）"),
    "books.col.pd_stage1": ("PD, stage 1", "违约概率（阶段一）"),
    "books.col.pd_stage2": ("PD, stage 2", "违约概率（阶段二）"),
    "books.col.ecl": ("Expected credit loss", "预期信用损失"),
    "books.value.lender_funds": ("Lender's funds", "自有资金"),
    "books.value.loan_principal": ("Loan principal", "贷款本金"),
    "books.value.interest_receivable": ("Interest receivable", "应收利息"),
    "books.value.penalty_receivable": ("Penalty receivable", "应收罚息"),
    "books.value.loan_loss_allowance": ("Loan-loss allowance", "贷款损失准备"),
    "books.value.seller_balance": ("Sellers' platform balances", "商家平台余额"),
    "books.value.order_proceeds": ("Order proceeds (clearing)", "订单货款（清算）"),
    "books.value.settlement_payouts": ("Settlement payouts (clearing)", "结算付款（清算）"),
    "books.value.interest_income": ("Interest income", "利息收入"),
    "books.value.penalty_income": ("Penalty income", "罚息收入"),
    "books.value.recovery_income": ("Recoveries after write-off", "已核销贷款收回"),
    "books.value.provision_expense": ("Provision expense", "贷款损失准备计提"),
    "books.value.loan_loss": ("Write-offs beyond the allowance", "核销损失"),
    "books.value.net_interest_income": ("Net interest income", "净利息收入"),
    "books.value.net_income": ("Net income", "净利润"),
    "books.value.total_assets": ("Total assets", "资产合计"),
    "books.value.retained_earnings": ("Retained earnings", "留存收益"),
    "books.value.liabilities_and_equity": ("Liabilities and equity", "负债和权益合计"),
    "books.value.total": ("Total", "合计"),
    "books.value.assets": ("Assets", "资产"),
    "books.value.liabilities": ("Liabilities", "负债"),
    "books.value.clearing": ("Clearing", "清算"),
    "books.value.equity": ("Equity", "权益"),
    "books.value.asset": ("Asset", "资产"),
    "books.value.contra_asset": ("Contra-asset", "资产备抵"),
    "books.value.liability": ("Liability", "负债"),
    "books.value.income": ("Income", "收入"),
    "books.value.expense": ("Expense", "费用"),
    "books.value.pass": ("Pass", "正常"),
    "books.value.special_mention": ("Special mention", "关注"),
    "books.value.substandard": ("Substandard", "次级"),
    "books.value.doubtful": ("Doubtful", "可疑"),
    "books.value.loss": ("Loss", "损失"),
    "books.value.trend": ("Month-end", "月末"),
    "books.value.stage": ("Stage", "阶段"),
    "books.value.band": ("Rating band", "评级"),
    "books.value.category": ("Category", "分类"),
    "books.value.minimum": ("Usual minimum", "监管常用最低要求"),
}
