"""Texts of issue #9's second half: what a seller can borrow and why not, the draw amount
checked as it is typed, the application preview and limit stability, the documents a
borrower keeps (agreement, receipts, statements) and the platform balance.
Key → (English, 简体中文); parameters come formatted (money ¥1,234.56, dates ISO)."""

DOCUMENT_TEXTS: dict[str, tuple[str, str]] = {
    # --- why a seller cannot borrow (app.services.lending.borrowing) ---
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

    # --- the platform balance (app.services.lending.balance, views/balance.py) ---
    "nav.balance": (
        "Platform balance",
        "平台余额"),
    "balance.title": (
        "Platform balance",
        "平台余额"),
    "balance.caption": (
        "What your settled orders left after repaying their order loans. End of day takes what is "
        "due from it; the rest you can withdraw to your settlement account.",
        "订单结算款偿还订单贷款后的余额。日终时系统会从中扣收到期款项，其余部分可提现至您的结算账户。"),
    "balance.now": (
        "Balance now",
        "当前余额"),
    "balance.movements": (
        "Movements",
        "余额明细"),
    "balance.no_movements": (
        "Your platform balance has not moved yet.",
        "您的平台余额暂无变动。"),
    "balance.col.date": ("Date", "日期"),
    "balance.col.what": ("What", "类型"),
    "balance.col.loan": ("Loan", "贷款"),
    "balance.col.in": ("In", "收入"),
    "balance.col.out": ("Out", "支出"),
    "balance.col.after": ("Balance after", "变动后余额"),
    "balance.kind.settlement": ("Order settled", "订单结算"),
    "balance.kind.repayment_auto_debit": ("Auto-debit of a payment due", "到期自动扣款"),
    "balance.kind.balance_withdrawal": ("Withdrawn to your settlement account", "提现至结算账户"),
    "balance.kind.other": ("Other", "其他"),
    "balance.withdraw_title": (
        "Withdraw to your settlement account",
        "提现至结算账户"),
    "balance.amount": (
        "Amount to withdraw (¥)",
        "提现金额（¥）"),
    "balance.review": (
        "Review withdrawal",
        "确认提现信息"),
    "balance.confirm_title": (
        "Confirm your withdrawal",
        "确认提现"),
    "balance.confirm": (
        "Confirm and withdraw",
        "确认提现"),
    "balance.confirm_summary": (
        "{amount} will be paid to your settlement account; your platform balance will be {after}.",
        "{amount} 将转入您的结算账户，提现后平台余额为 {after}。"),
    "balance.withdrawn": (
        "{amount} is withdrawn to your settlement account. Your platform balance is {after}.",
        "已提现 {amount} 至您的结算账户，当前平台余额为 {after}。"),
    "balance.nothing_to_withdraw": (
        "There is nothing to withdraw: your platform balance is zero.",
        "平台余额为零，无可提现金额。"),
    "balance.refused.overdue": (
        "You have an overdue payment; it is collected from your platform balance first, so nothing "
        "can be withdrawn until it is repaid.",
        "您有逾期未还的款项，平台余额将优先用于还款，还清前不能提现。"),
    "balance.refused.above_balance": (
        "That is more than your platform balance of {balance}; you asked for {asked}.",
        "提现金额超过了您的平台余额 {balance}，您申请的是 {asked}。"),

    # --- the documents a borrower keeps (app.services.portal.documents, views/documents.py) ---
    "doc.agreement.title": ("Loan agreement — loan #{id}", "借款合同 — 贷款 #{id}"),
    "doc.agreement.version": (
        "Agreement version {version}, accepted by the borrower at {at}.",
        "合同版本 {version}，借款人于 {at} 接受。"),
    "doc.lender": ("Lender", "贷款人"),
    "doc.borrower": ("Borrower", "借款人"),
    "doc.shop": ("Shop", "店铺"),
    "doc.product": ("Product", "产品"),
    "doc.principal": ("Amount lent", "借款金额"),
    "doc.rate": ("Interest rate", "利率"),
    "doc.penalty_rate": ("Penalty interest rate", "罚息利率"),
    "doc.method": ("Repayment method", "还款方式"),
    "doc.term": ("Term", "期限"),
    "doc.drawn_on": ("Drawn on", "放款日"),
    "doc.maturity": ("Last repayment date", "最后还款日"),
    "doc.total_interest": ("Total interest if repaid on schedule", "按期还款的利息总额"),
    "doc.total_repayment": ("Total to repay", "应还总额"),
    "doc.key_terms": ("Key terms", "主要条款"),
    "doc.schedule": ("Repayment schedule as agreed", "约定还款计划"),
    "doc.schedule_note": (
        "Interest is charged per day used: repaying early costs less, and a prepayment re-sizes the "
        "remaining installments (My loans shows the schedule as it stands).",
        "利息按实际用款天数计算：提前还款可少付利息，提前还款后剩余各期金额将重新计算（以“我的贷款”页面所示为准）。"),
    "doc.total": ("Total", "合计"),
    "doc.col.period": ("No.", "期数"),
    "doc.col.due": ("Due date", "到期日"),
    "doc.col.principal": ("Principal", "本金"),
    "doc.col.interest": ("Interest", "利息"),
    "doc.col.total": ("Total", "合计"),
    "doc.col.balance": ("Principal after", "剩余本金"),
    "doc.col.date": ("Date", "日期"),
    "doc.col.item": ("Item", "项目"),
    "doc.col.loan": ("Loan", "贷款"),
    "doc.col.amount": ("Amount", "金额"),
    "doc.col.penalty": ("Penalty", "罚息"),
    "doc.receipt.title": ("Payment receipt #{id}", "还款回单 #{id}"),
    "doc.receipt.note": (
        "The payment was allocated in this order: penalty interest, overdue interest and principal, the "
        "installment due, interest accrued, then principal paid early.",
        "还款按以下顺序冲抵：罚息、逾期利息及本金、当期应还款、已计利息，最后为提前归还的本金。"),
    "doc.loan": ("Loan", "贷款"),
    "doc.paid_on": ("Paid on", "还款日"),
    "doc.source": ("Paid by", "还款方式"),
    "doc.source.manual": ("You (repayment)", "主动还款"),
    "doc.source.settlement": ("Settlement of a pledged order", "质押订单结算"),
    "doc.source.auto_debit": ("Auto-debit from the platform balance", "平台余额自动扣款"),
    "doc.source.other": ("Other", "其他"),
    "doc.amount_paid": ("Amount paid", "还款金额"),
    "doc.penalty": ("Penalty interest", "罚息"),
    "doc.interest": ("Interest", "利息"),
    "doc.principal_repaid": ("Principal repaid", "归还本金"),
    "doc.outstanding_after": ("Principal still owed after it", "还款后剩余本金"),
    "doc.no_payment": ("There is no payment #{id}.", "还款记录 #{id} 不存在。"),
    "doc.statement.title": ("Monthly statement {month}", "月度对账单 {month}"),
    "doc.statement.no_month": ("There is no statement for {month}.", "{month} 没有对账单。"),
    "doc.statement.period": ("{name}, from {start} to {end}.", "{name}，{start} 至 {end}。"),
    "doc.statement.opening_principal": ("Principal owed at the start", "期初未还本金"),
    "doc.statement.drawn": ("Drawn this month", "本月借款"),
    "doc.statement.principal_repaid": ("Principal repaid this month", "本月归还本金"),
    "doc.statement.closing_principal": ("Principal owed at the end", "期末未还本金"),
    "doc.statement.interest_paid": ("Interest paid this month", "本月支付利息"),
    "doc.statement.penalty_paid": ("Penalty interest paid this month", "本月支付罚息"),
    "doc.statement.opening_balance": ("Platform balance at the start", "期初平台余额"),
    "doc.statement.closing_balance": ("Platform balance at the end", "期末平台余额"),
    "doc.statement.empty": ("Nothing moved this month.", "本月无资金变动。"),
    "doc.item.draw": ("{product} drawn", "{product}放款"),
    "doc.item.payment": ("Payment: {source}", "还款：{source}"),
    "doc.item.balance": ("Platform balance: {what}", "平台余额：{what}"),
    "nav.documents": ("My documents", "我的文件"),
    "documents.title": ("My documents", "我的文件"),
    "documents.caption": (
        "Loan agreements, payment receipts and monthly statements to download and keep.",
        "借款合同、还款回单和月度对账单，可下载保存。"),
    "documents.agreements": ("Loan agreements", "借款合同"),
    "documents.receipts": ("Payment receipts", "还款回单"),
    "documents.statements": ("Monthly statements", "月度对账单"),
    "documents.loan": ("Loan", "贷款"),
    "documents.payment": ("Payment", "还款记录"),
    "documents.month": ("Month", "月份"),
    "documents.none": ("Nothing here yet.", "暂无内容。"),
    "documents.loan_option": (
        "#{id} · {product} · {amount} · drawn {date}",
        "#{id} · {product} · {amount} · {date} 放款"),
    "documents.payment_option": (
        "#{id} · loan #{loan} · {amount} · {date}",
        "#{id} · 贷款 #{loan} · {amount} · {date}"),
    "documents.agreement_pdf": ("Loan agreement (PDF)", "借款合同（PDF）"),
    "documents.receipt_pdf": ("Receipt (PDF)", "还款回单（PDF）"),
    "documents.statement_pdf": ("Statement (PDF)", "对账单（PDF）"),
    "documents.statement_csv": ("Statement (CSV)", "对账单（CSV）"),

    # --- Apply / re-rate: a preview first, applied on confirmation (views/apply.py) ---
    "apply.prefill_note": (
        "Filled in from what the platform knows: your sales of the last 6 months ×2, their share on the "
        "platform, what the platform holds for you (shipped orders not yet settled and your platform "
        "balance) and your two largest buyers. Only you know these, so they are blank: {fields}.",
        "已根据平台数据预填：近 6 个月销售额 × 2 折算的年销售额、平台销售占比、"
        "平台代收的应收款（已发货未结算订单及平台余额）以及您最大的两位买家。以下项目平台无从得知，请自行填写：{fields}。"),
    "apply.preview_submit": (
        "See the decision",
        "查看评估结果"),
    "apply.preview_title": (
        "Preview — not applied yet",
        "预览 — 尚未生效"),
    "apply.preview_note": (
        "Your credit limit now is {current} (order advance {current_rate}); with this application it "
        "would be {new} (advance {new_rate}). Nothing changes until you confirm.",
        "您当前的信用额度为 {current}（订单垫付比例 {current_rate}）；"
        "按本次申请将变为 {new}（垫付比例 {new_rate}）。确认前不会有任何变更。"),
    "apply.confirm": (
        "Confirm and apply",
        "确认并生效"),
    "apply.discard": (
        "Discard",
        "放弃"),
}
