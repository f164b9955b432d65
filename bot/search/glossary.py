"""A general English → Chinese glossary of computing words, so English questions reach Chinese notes,
and general Chinese synonyms every index has (`GENERAL_SYNONYMS`).

Broad, textbook-level vocabulary (operating systems, virtualisation, networks, storage, software
engineering, cloud); nothing here is specific to any one set of notes or questions. Keys are lower
case English words or phrases; values are the usual Chinese renderings, most common first.
"""

from __future__ import annotations

__all__ = ["GENERAL_SYNONYMS", "GLOSSARY", "PHRASE_MAX_WORDS", "english_for", "translations"]

_ENTRIES = """
before 之前|以前
change 修改|改变|变化
company 公司|企业
earliest 最早
first 最早|首次|第一
foundation 基金会|基础
join 加入
mainframe 大型主机|大型机
modify 修改
after 之后|以后
already 已经
alert 告警|报警|警报
average 平均
cause 原因|导致|引起
condition 条件
copy 复制|拷贝
default 默认|缺省
delete 删除
drop 丢弃|删除
expose 暴露|开放
detached 分离
disable 禁用|关闭
effect 效果|影响
enable 启用|开启
enabled 启用|开启
exceeded 超过|超出
exit 退出|出口
exchange 交换
evict 驱逐|淘汰
eviction 驱逐|淘汰
external 外部
failure 失败|故障
failed 失败
fast 快|快速
flush 刷新|刷盘
force 强制
format 格式
forbidden 禁止
fragmentation 碎片
group 组|分组
head 头|头部
header 头|头部
internal 内部
last 最后|最近
leak 泄漏|泄露
limit 限制|上限
local 本地
logging 日志
max 最大|上限
maximum 最大|上限
minimum 最小|下限
multiple 多个
name 名字|名称
new 新
operating system 操作系统
order 顺序
pool 池
preferred 首选|优先
principle 原则|原理
priority 优先级
protection 保护
recommended 推荐|建议
remote 远程
remove 删除|移除
replace 替代|替换|取代
restricted 受限|严格限制|限制
offload 卸载
resolve 解决|解析
restart 重启
role 角色
share 共享
shared 共享
slow 慢|缓慢
solve 解决
space 空间
stable 稳定
step 步骤
stop 停止
stopped 停止
trust 信任
unable 无法
usable 可用
access 访问|存取
account 账户|账号
address 地址
administrator 管理员
algorithm 算法
allocate 分配
allocation 分配
api 接口|应用程序接口
application 应用|应用程序
app 应用|应用程序
architecture 架构|体系结构
artificial intelligence 人工智能
assisted 辅助
asynchronous 异步
authentication 认证|身份验证
authorization 授权
automation 自动化
availability 可用性
backup 备份
bandwidth 带宽
base 基础
big data 大数据
binary 二进制
blockchain 区块链
boot 启动|引导
bridge 网桥|桥接
browser 浏览器
buffer 缓冲区|缓冲
bug 缺陷|漏洞
build 构建|编译
cache 缓存
call 调用
capacity 容量
certificate 证书
channel 通道
client 客户端
cloud native 云原生
cloud 云|云计算
cloud computing 云计算
cluster 集群
code 代码
command 命令
command line 命令行
commit 提交
communication 通信
compile 编译
compiler 编译器
component 组件
computer vision 计算机视觉
computing 计算
compute 计算
computer 计算机
concurrency 并发
configuration 配置
configure 配置
connection 连接
consistency 一致性
console 控制台
container orchestration 容器编排
container 容器
containers 容器
context 上下文
continuous integration 持续集成
control 控制
cost 代价|成本
cpu 处理器|中央处理器
create 创建
creator 创建者|发起人
daemon 守护进程
data science 数据科学
data structure 数据结构
data 数据
database 数据库
debug 调试
deep learning 深度学习
density 密度
dependency 依赖
deploy 部署
deployment 部署
design pattern 设计模式
design 设计
developer 开发者
develop 开发
development 开发
device 设备
directory 目录
dir 目录
workdir 工作目录
disk 硬盘|磁盘
distributed 分布式
distribution 分发|发行版
dns 域名解析
domain 域名|领域
download 下载
driver 驱动
dynamic 动态
emulate 模拟
emulation 模拟
encryption 加密
engine 引擎
environment 环境
env 环境变量|环境
error 错误
event 事件
exception 异常
execute 执行
execution 执行
export 导出
extension 扩展
fault 故障|异常
feature 特性|功能
file 文件
file system 文件系统
filesystem 文件系统
firewall 防火墙
framework 框架
full 完全|全
function 函数|功能
garbage collection 垃圾回收
gateway 网关
guest 客户|客户机
guest os 客户操作系统
hard disk 硬盘
hardware 硬件
hash 哈希
high availability 高可用
history 历史
host 主机|宿主机
hypervisor 虚拟机管理程序|虚拟机管理软件
image 镜像
images 镜像
implementation 实现
import 导入
index 索引
infrastructure 基础设施
install 安装
installation 安装
instance 实例
instruction 指令
integration 集成
interface 接口
internet 互联网
isolate 隔离
isolation 隔离|隔离性
kernel 内核
key 密钥|键
language 语言
latency 延迟
layer 层|分层
layered 分层
level 级|级别|层次
library 库
founder 创始人|发起人
license 协议|许可证|许可协议
lightweight 轻量级
link 链接|互联
linux linux
load 负载|加载
load balancing 负载均衡
log 日志
machine learning 机器学习
machine 机器
management 管理
manage 管理
memory 内存
message 消息
message queue 消息队列
microservice 微服务
microservices 微服务
migrate 迁移
migration 迁移|迁移性
mirror 镜像
module 模块
monitor 监控
monitoring 监控
mount 挂载
mnt 挂载
multi 多
namespace 命名空间
native 原生
natural language processing 自然语言处理
network 网络
net 网络
networking 网络
neural network 神经网络
node 节点
open source 开源
operation 操作
optimization 优化
orchestration 编排
os 操作系统
package 包|软件包
packaging 封装|打包
page 页|页面
page table 页表
paravirtualization 超虚拟化|半虚拟化
parallel 并行
partial 部分
password 密码
patch 补丁
path 路径
performance 性能
permission 权限
persistence 持久化
physical 物理
platform 平台
plugin 插件
pod 容器组
policy 策略
port 端口
port mapping 端口映射
portability 可移植性|移植
privilege 特权|权限
privileged 特权
process 进程
range 范围|区间
pid 进程|进程号
processor 处理器
program 程序
programming 编程
programming language 编程语言|语言
project 项目
advantage 优点|优势
benefit 好处|优点
disadvantage 缺点
drawback 缺点
protocol 协议
proxy 代理
pull 拉取
push 推送
query 查询
queue 队列
register 寄存器|注册
registry 仓库|注册表
reinforcement learning 强化学习
release 发布|版本
reliability 可靠性
replica 副本
repository 仓库
request 请求
resource 资源
response 响应
reverse proxy 反向代理
root 根
router 路由器
routing 路由
run 运行
running 运行
runtime 运行|运行时
scalability 扩展性|伸缩
scale 伸缩|扩容
scaling 伸缩|扩容
schedule 调度
scheduler 调度器
scheduling 调度
script 脚本
security 安全
sensitive 敏感
server 服务器
service mesh 服务网格
service 服务
session 会话
shell 终端|命令行
ship 分发|交付
single 单|单个
single machine 单机
snapshot 快照
socket 套接字
software 软件
source 源|源代码|源码
source code 源代码
speed 速度
stack 栈|堆栈
standard 标准
start 启动|发起
startup 启动
state 状态
static 静态
storage 存储
support 支持
switch 交换机|切换
synchronous 同步
system 系统
system call 系统调用
table 表
task 任务
technology 技术
template 模板
terminal 终端
thread 线程
time 时间|耗时
throughput 吞吐量
tool 工具
tools 工具
traffic 流量
transaction 事务
translation 翻译|转换
tunnel 隧道
update 更新
upgrade 升级
upload 上传
user 用户
user space 用户空间
variable 变量
version 版本
virtual 虚拟
virtual machine 虚拟机
virtual machines 虚拟机
virtual memory 虚拟内存
propagation 传播
virtualization 虚拟化
virtualisation 虚拟化
virtualized 虚拟化
vm 虚拟机
volume 数据卷|卷
vulnerability 漏洞
cve 漏洞
web 网页|网站|web
wikipedia 维基百科
workload 负载
workstation 工作站
"""


def _parse(text: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in text.strip().splitlines():
        english, _, chinese = line.rpartition(" ")
        table[english.strip()] = tuple(c for c in chinese.split("|") if c)
    return table


GLOSSARY: dict[str, tuple[str, ...]] = _parse(_ENTRIES)
PHRASE_MAX_WORDS = max(len(key.split()) for key in GLOSSARY)


def _reverse(table: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    reverse: dict[str, list[str]] = {}
    for english, chinese in table.items():
        # Only the usual rendering leads back: "编译" is one sense of "build", "构建" its usual one.
        if chinese and chinese[0] != english:
            reverse.setdefault(chinese[0], []).append(english)
    return {word: tuple(english) for word, english in reverse.items()}


REVERSE: dict[str, tuple[str, ...]] = _reverse(GLOSSARY)


def english_for(chinese: str) -> tuple[str, ...]:
    """English words and phrases a Chinese word translates (the glossary read backwards)."""
    return REVERSE.get(chinese, ())


# Inflections tried when a word is not in the glossary as written: (ending, replacements).
_ENDINGS = (
    ("ies", ("y",)),
    ("es", ("", "e")),
    ("s", ("",)),
    ("ing", ("", "e")),
    ("ed", ("", "e")),
    ("ation", ("e", "")),
    ("ion", ("e", "")),
    ("ly", ("",)),
)


def translations(english: str) -> tuple[str, ...]:
    """Chinese renderings of an English word or phrase (lower case), or () when unknown; a plural or
    another common inflection of a glossary word counts ("containers", "isolated", "booting")."""
    found = GLOSSARY.get(english)
    if found is not None:
        return found
    if len(english) > 3 and " " not in english:
        for ending, replacements in _ENDINGS:
            if english.endswith(ending) and len(english) - len(ending) >= 3:
                stem = english[: -len(ending)]
                for replacement in replacements:
                    found = GLOSSARY.get(stem + replacement)
                    if found is not None:
                        return found
    return ()


# Chinese words that mean the same in everyday and computing usage, whatever the notes: always in
# the index, before the notes folder's own synonyms.txt (which adds to them). One group a line.
_SYNONYM_GROUPS = """
开源许可证 = 开源协议 = 许可证 = 许可协议 = 授权协议 = 协议 = license
编程语言 = 开发语言 = 程序设计语言 = 语言
发起人 = 创始人 = 创建者 = 创办人 = 作者
口号 = 标语 = 理念 = 宗旨 = 构想 = 愿景 = slogan = motto
虚拟机 = VM = virtual machine
容器 = container
镜像 = image
镜像仓库 = 仓库 = registry = repository
宿主机 = 主机 = host
客户机 = 客户操作系统 = guest
硬盘 = 磁盘 = disk
内存 = RAM = memory
处理器 = CPU
网卡 = 网络接口卡 = NIC
优点 = 优势 = 好处 = 长处
改进 = 优化 = 改善 = 提升
缺点 = 劣势 = 不足 = 短处
区别 = 差别 = 差异 = 不同
启动 = 启动速度 = 开机
部署 = 发布 = 上线
迁移 = 移植
隔离 = 隔离性 = isolation
性能 = 效率
代价 = 开销 = 成本 = 消耗
不方便 = 不便 = 麻烦 = 繁琐
内核 = kernel
Kubernetes = K8s
单机 = 一台机器 = 单台机器 = 一台服务器 = 单台服务器 = 一台主机 = 单台主机 = 一台宿主机 = 单台宿主机 = 一台物理机 = 单台物理机
运行 = 跑
超虚拟化 = 半虚拟化 = 准虚拟化
全虚拟化 = 完全虚拟化
发展 = 演进 = 演化 = 演变 = 变迁
开发 = 编写
最多 = 最大 = 上限 = 最高
最少 = 最小 = 下限 = 最低
视为 = 当成 = 当作 = 看作 = 看成 = 认作
"""

GENERAL_SYNONYMS: tuple[tuple[str, ...], ...] = tuple(
    tuple(word.strip() for word in line.split("=") if word.strip())
    for line in _SYNONYM_GROUPS.strip().splitlines()
)
