"""Texts of the lender's risk operations (rules §9): monitoring events, blacklist,
credit recovery, corrections — what the seller is told and what the risk pages show.

Key → (English, 简体中文); both templates of an entry take the same {placeholders}.
"""

RISK_TEXTS: dict[str, tuple[str, str]] = {
    # --- draws refused while an event is open (app.services.lending.availability) ---
    "draw.blocked.warning": (
        "Your undrawn limits are frozen while a risk warning is open (cure window until {cure_until}). "
        "It lifts by itself when its cause clears.",
        "风险预警期间，您的未用额度已冻结（整改期至 {cure_until}）。预警原因消除后将自动解除。"),
    "draw.blocked.recall": (
        "Your loans have been recalled and fall due on {due_on}; no new draws until they are repaid.",
        "您的贷款已被提前收回，将于 {due_on} 全部到期；还清之前不能再借款。"),

    # --- what the seller is told (events table, notifications) ---
    "risk.event.warning.sales_drop": (
        "Risk warning: your net sales of the last 30 days, {recent}, are {drop_pct}% below your average "
        "of {prior_average} per 30 days over the 90 days before. Undrawn limits are frozen; the warning "
        "lifts when sales recover. Cure window until {cure_until}.",
        "风险预警：您近 30 天的净销售额为 {recent}，比此前 90 天每 30 "
        "天平均 {prior_average} 下降了 {drop_pct}%。"
        "未用额度已冻结，销售恢复后预警自动解除。整改期至 {cure_until}。"),
    "risk.event.warning.refund_jump": (
        "Risk warning: your refund rate of the last 30 days, "
        "{recent_pct}%, jumped from {prior_pct}% over the "
        "90 days before. Undrawn limits are frozen; cure window until {cure_until}.",
        "风险预警：您近 30 天的退款率为 {recent_pct}%，而此前 90 天为 {prior_pct}%，大幅上升。"
        "未用额度已冻结，整改期至 {cure_until}。"),
    "risk.event.warning.rating_drop": (
        "Risk warning: your rating fell {bands} bands, from {before} to {now}, against 90 days ago. "
        "Undrawn limits are frozen; cure window until {cure_until}.",
        "风险预警：与 90 天前相比，您的评级下降了 {bands} 档，从 {before} 降至 {now}。"
        "未用额度已冻结，整改期至 {cure_until}。"),
    "risk.event.warning_lifted": (
        "The risk warning of {opened_on} is lifted: its cause "
        "has cleared and your limits are available again.",
        "{opened_on} 发出的风险预警已解除：原因已消除，您的额度恢复可用。"),
    "risk.event.recall": (
        "Early recall: the cause of your risk warning is still present after the cure window, so all "
        "your outstanding loans now fall due on {due_on}.",
        "提前收贷：整改期结束后风险预警原因仍然存在，您所有未还贷款将于 {due_on} 全部到期。"),
    "risk.event.recall_closed": (
        "The recall of {opened_on} is closed: nothing is outstanding any more.",
        "{opened_on} 的提前收贷已结束：您已无未还贷款。"),
    "risk.event.blacklisted": (
        "Loan #{loan_id} is {dpd} days past due and non-performing: your account is closed to new loans "
        "(blacklisted). A risk officer can offer a credit-recovery plan.",
        "贷款 #{loan_id} 已逾期 {dpd} 天，成为不良贷款：您的账户已被列入黑名单，暂停新增借款。"
        "风控专员可为您制定信用恢复计划。"),
    "risk.event.recovery_plan": (
        "Credit recovery plan: {balance} in {months} monthly installments without interest, the first due "
        "{first_due}; penalties of {waived} are waived. After "
        "{needed} on-time installments the blacklist lifts.",
        "信用恢复计划：{balance} 分 {months} 期按月等额本金偿还，不再计息，首期于 {first_due} 到期；"
        "罚息 {waived} 已减免。按时偿还 {needed} 期后将解除黑名单。"),
    "risk.event.blacklist_lifted": (
        "Welcome back: {needed} installments of your recovery plan were paid on time, so the blacklist is "
        "lifted. Your limits are {cap_pct}% of what your rating gives until {cap_until}.",
        "欢迎回来：您已按时偿还信用恢复计划 {needed} 期，黑名单已解除。"
        "{cap_until} 之前，您的额度为评级对应额度的 {cap_pct}%。"),
    "risk.event.correction.payment_reversal": (
        "Payment #{payment_id} of {amount} on loan #{loan_id} was reversed. Reason: {reason}.",
        "贷款 #{loan_id} 的还款 #{payment_id}（{amount}）已冲正。原因：{reason}。"),
    "risk.event.correction.penalty_waiver": (
        "Penalty interest of {amount} on loan #{loan_id} was waived. Reason: {reason}.",
        "贷款 #{loan_id} 的罚息 {amount} 已减免。原因：{reason}。"),
    "risk.event.correction.write_off": (
        "Loan #{loan_id} was written off ({amount}). Reason: {reason}.",
        "贷款 #{loan_id} 已核销（{amount}）。原因：{reason}。"),
    # what a seller is told of a correction: a catalogue reason, never the officers' note (issue #16)
    "correction.seller_reason.other": (
        "a review of your account",
        "对您账户的审核"),
    "correction.seller_reason.payment_error": (
        "the payment was recorded in error",
        "该笔还款记录有误"),
    "correction.seller_reason.payment_returned": (
        "the payment was returned by the bank or payment provider",
        "该笔款项被银行或支付机构退回"),
    "correction.seller_reason.duplicate_payment": (
        "the payment was recorded twice",
        "该笔还款被重复记录"),
    "correction.seller_reason.goodwill": (
        "a goodwill gesture",
        "善意减免"),
    "correction.seller_reason.first_late_payment": (
        "it was your first late payment",
        "这是您的首次逾期"),
    "correction.seller_reason.hardship": (
        "temporary financial hardship",
        "暂时性经营困难"),
    "correction.seller_reason.our_delay": (
        "a delay on our side",
        "我方原因造成的延误"),
    "correction.seller_reason.uncollectable": (
        "the balance was assessed as not recoverable",
        "该笔欠款经评估无法收回"),

    # --- reasons, as shown with an event ---
    "risk.reason.sales_drop": (
        "net sales {recent} in the last 30 days, {drop_pct}% below the prior average of {prior_average}",
        "近 30 天净销售额 {recent}，比此前平均 {prior_average} 下降 {drop_pct}%"),
    "risk.reason.refund_jump": (
        "refund rate {recent_pct}% in the last 30 days, against {prior_pct}% before",
        "近 30 天退款率 {recent_pct}%，此前为 {prior_pct}%"),
    "risk.reason.rating_drop": (
        "rating down {bands} bands, {before} → {now}",
        "评级下降 {bands} 档：{before} → {now}"),
    "risk.reason.loan_over_30_dpd": (
        "loan #{loan_id} is {dpd} days past due while other loans are outstanding",
        "贷款 #{loan_id} 已逾期 {dpd} 天，且仍有其他未还贷款"),
    "risk.notice.warning": (
        "Risk warning: undrawn limits are frozen. Cure window until {cure_until}.",
        "风险预警：未用额度已冻结，整改期至 {cure_until}。"),
    "risk.notice.recall": (
        "Your loans are recalled: everything outstanding falls due on {due_on}.",
        "您的贷款已被提前收回：所有未还款项将于 {due_on} 到期。"),
    "risk.recovery.progress": (
        "Recovery plan: {paid} of {months} installments paid, {streak} on time in a row "
        "({needed} lift the blacklist).",
        "信用恢复计划：已还 {paid}/{months} 期，连续按时 {streak} 期（连续 {needed} 期即解除黑名单）。"),
    "risk.recovery.cap": (
        "Staged re-entry: your limits are {cap_pct}% of what your rating gives until {cap_until}.",
        "分阶段恢复：{cap_until} 之前，您的额度为评级对应额度的 {cap_pct}%。"),

    # --- refusals of the risk services ---
    "recovery.not_defaulted": (
        "Seller #{seller_id} has no non-performing loan to put on a recovery plan.",
        "卖家 #{seller_id} 没有可纳入信用恢复计划的不良贷款。"),
    "recovery.months": (
        "A recovery plan runs 1 to {max_months} months; {months} was asked.",
        "信用恢复计划期限为 1 至 {max_months} 个月，您填写的是 {months}。"),
    "recovery.note_required": (
        "Say why the default is not malicious (a note is required).",
        "请说明该违约为非恶意的理由（必须填写备注）。"),
    "correction.kind": (
        "Unknown correction “{kind}”; choose one of {kinds}.",
        "未知的调整类型“{kind}”，请从 {kinds} 中选择。"),
    "correction.reason_required": (
        "A correction needs a reason.",
        "调整必须填写原因。"),
    "correction.not_pending": (
        "Correction #{correction_id} is not waiting for approval.",
        "调整 #{correction_id} 不在待审批状态。"),
    "correction.own": (
        "You proposed correction #{correction_id}; another officer must approve it.",
        "调整 #{correction_id} 由您提出，必须由另一位专员审批。"),
    "correction.payment": (
        "Only the latest payment of loan #{loan_id} not yet reversed can be reversed.",
        "只能冲正贷款 #{loan_id} 最近一笔尚未冲正的还款。"),
    "correction.reversal_closed_as.written_off": (
        "Loan #{loan_id} has been written off, so its payments can no longer be reversed: "
        "the write-off would have to be reversed first.",
        "贷款 #{loan_id} 已核销，其还款不能再冲正：须先冲回核销。"),
    "correction.reversal_closed_as.cancelled": (
        "Loan #{loan_id} was cancelled because its payout failed; there is nothing to reverse.",
        "贷款 #{loan_id} 因放款失败已取消，没有可冲正的还款。"),
    "correction.reversal_closed_as.recovery": (
        "Loan #{loan_id} was moved onto a recovery plan, so its payments can no longer be reversed.",
        "贷款 #{loan_id} 已转入信用恢复计划，其还款不能再冲正。"),
    "correction.amount": (
        "The waiver must be more than zero and at most the penalty owed, {owed}; {amount} was asked.",
        "减免金额必须大于零且不超过应付罚息 {owed}，您填写的是 {amount}。"),
    "correction.not_non_performing": (
        "Only an open non-performing loan (more than 90 days past due) can be written off.",
        "只有未结清的不良贷款（逾期超过 90 天）才能核销。"),
    "correction.seller_reason": (
        "Choose the reason the seller reads from the list for “{kind}”.",
        "请从“{kind}”对应的列表中选择告知卖家的原因。"),
    "correction.already_pending": (
        "Loan #{loan_id} already has a correction waiting for approval.",
        "贷款 #{loan_id} 已有一项待审批的调整。"),
    "correction.not_replayable": (
        "Loan #{loan_id} was changed by more than its payments, waivers and recalls (it was moved onto "
        "a recovery plan, say), so the loan as it would stand without the payment cannot be worked out; "
        "nothing was reversed.",
        "贷款 #{loan_id} 除还款、减免和提前收贷外还有其他变动（例如已转入信用恢复计划），"
        "无法算出未收到该笔还款时贷款应有的状态，因此未作冲正。"),

    # --- the back-office pages (views/risk_events.py, recovery.py, corrections.py) ---
    "nav.risk_events": ("Monitoring events", "监控事件"),
    "nav.recovery": ("Recovery plans", "信用恢复"),
    "nav.corrections": ("Corrections", "账务调整"),
    "product.recovery": ("Recovery plan", "信用恢复贷款"),
    "notice.blacklist": ("Blacklist", "黑名单"),
    "notice.correction": ("Correction", "账务调整"),
    "notice.recovery": ("Recovery plan", "信用恢复"),
    "risk.kind.warning": ("Warning", "预警"),
    "risk.kind.recall": ("Recall", "提前收贷"),
    "risk.status.open": ("Open", "进行中"),
    "risk.status.lifted": ("Lifted", "已解除"),
    "risk.status.escalated": ("Escalated", "已升级"),
    "risk.status.closed": ("Closed", "已结束"),
    "risk_page.title": ("Monitoring events", "贷中监控事件"),
    "risk_page.caption": (
        "Warnings freeze a seller's undrawn limits for a 14-day cure window; a cause still present "
        "with sales down 80 % or a loan over 30 days past due becomes a recall.",
        "预警冻结卖家的未用额度并给予 14 天整改期；期满原因仍在且销售下降 "
        "80% 或有贷款逾期超过 30 天，即提前收贷。"),
    "risk_page.status": ("Status", "状态"),
    "risk_page.all": ("All", "全部"),
    "risk_page.none": ("No events.", "暂无事件。"),
    "risk_page.col.seller": ("Seller", "卖家"),
    "risk_page.col.kind": ("Kind", "类型"),
    "risk_page.col.status": ("Status", "状态"),
    "risk_page.col.opened_on": ("Opened", "开始日期"),
    "risk_page.col.cure_until": ("Cure until", "整改期至"),
    "risk_page.col.due_on": ("Due on", "到期日"),
    "risk_page.col.reasons": ("Reasons", "原因"),
    "recovery_page.title": ("Credit recovery", "信用恢复"),
    "recovery_page.caption": (
        "Put a non-malicious defaulter's overdue balance on up to 12 interest-free monthly installments; "
        "penalties are waived. Six on-time installments lift "
        "the blacklist, with limits at 20 % for 6 months.",
        "将非恶意违约卖家的逾期余额分至多 12 期按月免息偿还，罚息减免。连续按时 6 期后解除黑名单，"
        "其后 6 个月额度为评级额度的 20%。"),
    "recovery_page.plans": ("Plans", "恢复计划"),
    "recovery_page.none": ("No recovery plans yet.", "暂无信用恢复计划。"),
    "recovery_page.create": ("New recovery plan", "新建信用恢复计划"),
    "recovery_page.no_candidates": (
        "No blacklisted seller has a non-performing loan to put on a plan.",
        "没有可纳入恢复计划的黑名单卖家。"),
    "recovery_page.seller": ("Defaulted seller", "违约卖家"),
    "recovery_page.months": ("Months", "期数（月）"),
    "recovery_page.note": ("Why the default is not malicious", "非恶意违约的理由"),
    "recovery_page.submit": ("Create plan", "创建计划"),
    "recovery_page.created": ("Recovery plan #{plan_id} created: loan #{loan_id}.",
                              "已创建信用恢复计划 #{plan_id}：贷款 #{loan_id}。"),
    "recovery_page.col.seller": ("Seller", "卖家"),
    "recovery_page.col.loan": ("Loan", "贷款"),
    "recovery_page.col.created_on": ("Created", "创建日期"),
    "recovery_page.col.months": ("Months", "期数"),
    "recovery_page.col.balance": ("Balance on plan", "计划金额"),
    "recovery_page.col.waived": ("Penalty waived", "减免罚息"),
    "recovery_page.col.outstanding": ("Outstanding", "未还本金"),
    "recovery_page.col.paid": ("Paid", "已还期数"),
    "recovery_page.col.streak": ("On time in a row", "连续按时"),
    "recovery_page.col.lifted_on": ("Blacklist lifted", "解除黑名单"),
    "recovery_page.col.cap_until": ("Limit cap until", "额度限制至"),
    "corrections_page.title": ("Corrections", "账务调整"),
    "corrections_page.caption": (
        "One officer proposes, a different one approves (maker-checker); each approval is its own "
        "balanced journal entry.",
        "由一位专员提出、另一位专员审批（双人复核）；每项审批通过的调整都记为一笔独立的平衡分录。"),
    "corrections_page.queue": ("Waiting for approval", "待审批"),
    "corrections_page.none": ("Nothing waiting for approval.", "暂无待审批的调整。"),
    "corrections_page.propose": ("Propose a correction", "提出调整"),
    "corrections_page.kind": ("Kind", "类型"),
    "corrections_page.loan": ("Loan number", "贷款编号"),
    "corrections_page.amount": ("Waiver amount (penalty waiver only)", "减免金额（仅罚息减免）"),
    "corrections_page.reason": ("Internal note (never shown to the seller)", "内部备注（不会展示给卖家）"),
    "corrections_page.seller_reason": (
        "Reason the seller reads (in their language)",
        "告知卖家的原因（以卖家的语言展示）"),
    "corrections_page.seller_reason_help": (
        "The seller's notice gives only this reason; the note above stays with the officers.",
        "卖家收到的通知只包含此原因；上方备注仅供内部查看。"),
    "corrections_page.col.seller_reason": ("Told to the seller", "告知卖家"),
    "corrections_page.submit": ("Propose", "提交"),
    "corrections_page.proposed": ("Correction #{correction_id} proposed; another officer must approve it.",
                                  "已提出调整 #{correction_id}，需由另一位专员审批。"),
    "corrections_page.choose": ("Correction", "调整"),
    "corrections_page.note": ("Note", "备注"),
    "corrections_page.approve": ("Approve", "批准"),
    "corrections_page.reject": ("Reject", "驳回"),
    "corrections_page.approved": ("Correction #{correction_id} approved and posted.",
                                  "调整 #{correction_id} 已批准并入账。"),
    "corrections_page.rejected": ("Correction #{correction_id} rejected.", "调整 #{correction_id} 已驳回。"),
    "corrections_page.col.id": ("No.", "编号"),
    "corrections_page.col.kind": ("Kind", "类型"),
    "corrections_page.col.loan": ("Loan", "贷款"),
    "corrections_page.col.payment": ("Payment", "还款"),
    "corrections_page.col.amount": ("Amount", "金额"),
    "corrections_page.col.reason": ("Internal note", "内部备注"),
    "corrections_page.col.proposed_by": ("Proposed by", "提出人"),
    "corrections_page.col.proposed_on": ("Proposed", "提出日期"),
    "correction.kind.payment_reversal": ("Payment reversal", "还款冲正"),
    "correction.kind.penalty_waiver": ("Penalty waiver", "罚息减免"),
    "correction.kind.write_off": ("Write-off", "核销"),
}
