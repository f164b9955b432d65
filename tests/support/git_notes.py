"""Small invented notes for the Telegram tests (about Git, so no test leans on the default notes)."""

from __future__ import annotations

from pathlib import Path

GIT_NOTES = """# 1 Git 基础

Git 是一个分布式版本控制系统，每个克隆都保存完整的历史。

## 1.1 暂存区与提交

**暂存区（staging area）** 保存下一次提交要包含的修改，用 `git add` 把修改放进暂存区。

`git commit` 把暂存区的内容写成一个新的提交，提交说明用 `-m` 给出。

## 1.2 分支与合并

**分支**是指向某个提交的可移动指针：创建分支用 `git branch <名字>`，切换分支用 `git switch`。

合并分支用 `git merge`；两边改了同一行时会出现冲突，要手动编辑文件 & 再提交。

| 命令 | 作用 |
| --- | --- |
| git log | 查看提交历史 |
| git stash | 临时收起未提交的修改 |

```
git rebase -i HEAD~3   # 交互式变基：<squash> & <fixup>
```

# 2 远程仓库

# 3 钩子与自动化
"""


def write_git_notes(folder: Path) -> Path:
    """A notes folder holding the Git notes; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "git.md").write_text(GIT_NOTES, encoding="utf-8")
    return folder
