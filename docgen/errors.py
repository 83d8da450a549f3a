"""Errors users see.  Every rejection has a stable code and a Chinese message."""

from __future__ import annotations

# code -> message shown to users (Chinese); the detail is appended after a colon.
REJECTION_REASONS: dict[str, str] = {
    "empty": "空文件",
    "too_large": "超过大小上限",
    "unsupported": "不支持的文件格式",
    "bad_docx": "损坏的DOCX",
    "bad_pdf": "损坏的PDF",
    "pdf_no_text": "无文字层，需先OCR",
    "pdf_encrypted": "PDF已加密，无法读取",
    "bad_html": "无法解析的HTML",
    "bad_zip": "损坏的ZIP压缩包",
    "zip_bomb": "压缩包疑似压缩炸弹（解压比例或总量超限）",
    "zip_too_many": "压缩包内文件数超过上限",
    "zip_nested": "压缩包嵌套层数超过上限",
    "zip_encrypted": "压缩包已加密，无法读取",
    "xml_attack": "文档含有不安全的XML结构（实体扩展），已拒收",
    "encoding": "无法识别文字编码",
    "not_judgment": "不是判决书/裁定书",
    "duplicate": "重复文件（内容与已入库文书相同）",
    "unreadable": "无法读取文件",
    "parse_failed": "解析出错（原件已保存，修复后可重新解析）",
    "store_failed": "写入数据库失败（原件已保存，可重新导入）",
}


class DocgenError(Exception):
    """Base class; ``str(err)`` is fit to show to a user."""


class Rejected(DocgenError):
    """An input file that will not be stored, with a reason a clerk can act on."""

    def __init__(self, code: str, detail: str | None = None):
        if code not in REJECTION_REASONS:
            raise ValueError(f"unknown rejection code {code!r}")
        self.code = code
        self.detail = detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        base = REJECTION_REASONS[self.code]
        return f"{base}：{self.detail}" if self.detail else base
