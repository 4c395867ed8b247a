"""Texts of the platform feed and the payment instructions (issue 17): the services' messages
and the back office's "Platform feed" page. Key → (English, 简体中文)."""

FEED_TEXTS: dict[str, tuple[str, str]] = {
    # --- the arguments of the feed's and the payouts' services (app/services/access/arguments.py) ---
    "feed.arg.paths": (
        "Name the feed files or folders to import as a list of paths.",
        "请以路径列表给出要导入的数据文件或文件夹。"),
    "feed.arg.missing": (
        "There is no file or folder “{path}”.",
        "没有文件或文件夹“{path}”。"),
    "feed.arg.no_files": (
        "There is no feed file to import there (JSON Lines or CSV, optionally .gz).",
        "那里没有可导入的数据文件（JSON Lines 或 CSV，可为 .gz）。"),
    "feed.arg.not_feed": (
        "“{path}” is not a feed file: its name ends in .jsonl, .ndjson or .csv (or those with .gz).",
        "“{path}”不是数据文件：文件名应以 .jsonl、.ndjson 或 .csv 结尾（可再加 .gz）。"),
    "feed.arg.folder": (
        "“{path}” is not a folder.",
        "“{path}”不是文件夹。"),
    "feed.arg.number": (
        "“{value}” is not a whole number from {low} to {high}.",
        "“{value}”不是 {low} 到 {high} 之间的整数。"),
    "feed.arg.text": (
        "“{value}” is not a valid text here.",
        "“{value}”在此处不是有效的文本。"),
    "feed.arg.import_id": (
        "“{import_id}” is not an import.",
        "“{import_id}”不是导入批次编号。"),
    "feed.arg.status": (
        "“{status}” is not a payment instruction status.",
        "“{status}”不是支付指令状态。"),
    "feed.arg.results": (
        "The results must be a list of result lines.",
        "结果必须是结果行的列表。"),
    "feed.unreadable": (
        "{file} could not be read to the end ({reason}); the records before that point were imported.",
        "{file} 无法读完（{reason}）；此前的记录已导入。"),
    # --- payouts (app/services/payouts/, app/services/lending/cancel.py) ---
    "payout.draw_cancelled": (
        "The payout of loan #{loan_id} ({amount}) failed, so the loan is cancelled: you owe nothing "
        "on it and your limit is available again.",
        "贷款 #{loan_id}（{amount}）放款失败，该笔贷款已取消：您无需为此还款，额度已恢复。"),
    "notice.draw_cancelled": ("Payout failed", "放款失败"),
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

    # --- the back office's "Platform feed" page (views/platform_feed.py) ---
    "nav.platform_feed": ("Platform feed", "平台数据"),
    "feed.title": ("Platform feed", "平台数据"),
    "feed.caption": (
        "Data in from the platform (python -m app feed import / feed watch) and payment instructions "
        "out to the payment provider (python -m app payouts export / confirm).",
        "平台数据导入（python -m app feed import / feed watch）与发往支付机构的支付指令"
        "（python -m app payouts export / confirm）。"),
    "feed.imports": ("Recent imports", "最近导入"),
    "feed.imports.none": ("Nothing has been imported yet.", "尚未导入任何数据。"),
    "feed.rejects": ("Rejected records", "被拒记录"),
    "feed.rejects.none": ("No record has been rejected.", "没有被拒记录。"),
    "feed.rejects.download": ("Download the rejects (CSV)", "下载被拒记录（CSV）"),
    "feed.col.import_id": ("Import", "导入批次"),
    "feed.col.started": ("Started (UTC)", "开始时间（UTC）"),
    "feed.col.source": ("Files", "文件"),
    "feed.col.read": ("Read", "读取"),
    "feed.col.imported": ("Imported", "已导入"),
    "feed.col.unchanged": ("Unchanged", "无变化"),
    "feed.col.rejected": ("Rejected", "被拒"),
    "feed.col.file": ("File", "文件"),
    "feed.col.line": ("Line", "行"),
    "feed.col.event_id": ("Event", "事件编号"),
    "feed.col.field": ("Field", "字段"),
    "feed.col.reason": ("Reason", "原因"),
    "payout.title": ("Payment instructions", "支付指令"),
    "payout.tab.pending": ("Pending ({n})", "待发送（{n}）"),
    "payout.tab.sent": ("Sent ({n})", "已发送（{n}）"),
    "payout.tab.failed": ("Failed ({n})", "失败（{n}）"),
    "payout.none": ("None.", "无。"),
    "payout.kind.disbursement": ("Payout to the seller", "放款给卖家"),
    "payout.kind.collection": ("Collection from the seller", "向卖家收款"),
    "payout.col.id": ("Instruction", "指令编号"),
    "payout.col.kind": ("Kind", "类型"),
    "payout.col.seller": ("Seller", "卖家"),
    "payout.col.loan": ("Loan", "贷款"),
    "payout.col.amount": ("Amount", "金额"),
    "payout.col.account": ("Account", "收付款账户"),
    "payout.col.created": ("Created", "创建日期"),
    "payout.col.batch": ("Batch file", "批次文件"),
    "payout.col.reason": ("Failure reason", "失败原因"),
}
